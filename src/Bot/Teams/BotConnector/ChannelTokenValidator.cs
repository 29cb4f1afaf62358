using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>
/// Validates the token the Bot Connector sends with each activity, as a conformant bot does: RS256 only,
/// a key from the channel's published set (refreshed on an unknown kid) that is endorsed for the activity's
/// channel, issuer https://api.botframework.com, audience = the bot's app id, lifetime with a 5-minute skew,
/// and a serviceurl claim equal to the activity's serviceUrl.
/// </summary>
public sealed class ChannelTokenValidator(BotFrameworkKeys keys, IOptions<BotConnectorOptions> options)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>Null when the token is good; otherwise why it is not (for the log, never with the token itself).</summary>
    public async Task<string?> ValidateAsync(string? authorization, string channelId, string serviceUrl, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.HasCredentials)
        {
            return "the bot has no app id to validate tokens against";
        }

        if (string.IsNullOrEmpty(authorization) || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return "no bearer token";
        }

        var raw = authorization["Bearer ".Length..].Trim();
        if (!_handler.CanReadToken(raw))
        {
            return "unreadable token";
        }

        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(raw);
        }
        catch (ArgumentException)
        {
            return "unreadable token";
        }
        if (token.Alg != SecurityAlgorithms.RsaSha256)
        {
            return $"algorithm {token.Alg} is not RS256";
        }

        if (string.IsNullOrEmpty(token.Kid))
        {
            return "token without key id";
        }

        var key = await keys.FindAsync(token.Kid, cancellationToken);
        if (key is null)
        {
            return "unknown signing key";
        }

        if (!key.Endorsements.Contains(channelId))
        {
            return $"signing key not endorsed for channel {channelId}";
        }

        var result = await _handler.ValidateTokenAsync(raw, new TokenValidationParameters
        {
            ValidIssuer = o.ChannelIssuer,
            ValidAudience = o.AppId,
            IssuerSigningKey = key.Key,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ClockSkew = o.ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            TryAllIssuerSigningKeys = false,
        });
        if (!result.IsValid)
        {
            return result.Exception?.GetType().Name ?? "invalid token";
        }

        var claimed = result.Claims.TryGetValue("serviceurl", out var value) ? value as string : null;
        if (claimed is null || !SameServiceUrl(claimed, serviceUrl))
        {
            return "serviceurl claim does not match the activity";
        }

        return null;
    }

    public static bool SameServiceUrl(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
