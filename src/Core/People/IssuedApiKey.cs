namespace SosepBot.Core.People;

/// <summary>A new API key. <see cref="Key"/> is shown once and never stored.</summary>
public sealed record IssuedApiKey(string Prefix, string Key, string Email);
