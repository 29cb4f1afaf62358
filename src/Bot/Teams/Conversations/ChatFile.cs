namespace SosepBot.Bot.Teams.Conversations;

/// <summary>A file the person sent in the chat, already downloaded (before the turn's transaction).</summary>
public sealed record ChatFile(string Name, string ContentType, byte[] Content);
