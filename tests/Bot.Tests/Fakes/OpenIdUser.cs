namespace SosepBot.Bot.Tests.Fakes;

/// <summary>An account signed in at <see cref="FakeOpenIdServer"/>.</summary>
public sealed record OpenIdUser(string ObjectId, string? Email, string Name);
