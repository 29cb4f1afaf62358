using SosepBot.Bot.Teams.BotConnector;
using SosepBot.Core.People;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>One activity to act on, with the registered person who sent it (null when unknown) and the files they sent.</summary>
public sealed record TurnInput(Activity Activity, long InboundId, Person? Person, IReadOnlyList<ChatFile> Files, int FailedDownloads);
