using Microsoft.IdentityModel.Tokens;

namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>A signing key and the channels it is endorsed for ("msteams", "webchat"…).</summary>
public sealed record EndorsedKey(JsonWebKey Key, IReadOnlySet<string> Endorsements);
