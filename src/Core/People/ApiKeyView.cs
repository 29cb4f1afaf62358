namespace SosepBot.Core.People;

/// <summary>An API key as listed: its public prefix, whose it is, its label and when it was issued.</summary>
public sealed record ApiKeyView(string Prefix, string Email, string Owner, string? Label, DateTimeOffset CreatedAt);
