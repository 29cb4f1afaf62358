namespace SosepBot.Core.Attachments;

/// <summary>The key of stored content and when it was last written.</summary>
public sealed record StoredKey(string Key, DateTimeOffset WrittenAt);
