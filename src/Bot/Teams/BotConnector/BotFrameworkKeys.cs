using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>
/// The Bot Framework channel's signing keys with their endorsements (the channels each key may sign for), read
/// from the OpenID metadata's jwks_uri, cached, and fetched again when a token names an unknown key id.
/// </summary>
public sealed partial class BotFrameworkKeys(
    IHttpClientFactory httpClients,
    IOptions<BotConnectorOptions> options,
    TimeProvider time,
    ILogger<BotFrameworkKeys> logger) : IDisposable
{
    public const string HttpClientName = "BotFrameworkOpenId";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, EndorsedKey> _keys = new(StringComparer.Ordinal);
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    /// <summary>The key with <paramref name="keyId"/>, refreshing the cache once when it is unknown or old; null when not published.</summary>
    public async Task<EndorsedKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        if (now - _fetchedAt < o.KeyCacheLifetime && _keys.TryGetValue(keyId, out var cached))
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            now = time.GetUtcNow();
            var stale = now - _fetchedAt >= o.KeyCacheLifetime;
            if (!stale && _keys.TryGetValue(keyId, out cached))
            {
                return cached;
            }

            if (stale || now - _fetchedAt >= o.KeyRefreshMinInterval)
            {
                await RefreshAsync(cancellationToken);
            }

            return _keys.GetValueOrDefault(keyId);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        using var metadata = JsonDocument.Parse(await client.GetStringAsync(new Uri(options.Value.OpenIdMetadataUrl), cancellationToken));
        var jwksUri = metadata.RootElement.GetProperty("jwks_uri").GetString()
            ?? throw new InvalidOperationException("The OpenID metadata has no jwks_uri.");
        var jwks = await client.GetStringAsync(new Uri(jwksUri), cancellationToken);
        using var set = JsonDocument.Parse(jwks);
        var keys = new Dictionary<string, EndorsedKey>(StringComparer.Ordinal);
        foreach (var element in set.RootElement.GetProperty("keys").EnumerateArray())
        {
            var key = new JsonWebKey(element.GetRawText());
            if (string.IsNullOrEmpty(key.Kid))
            {
                continue;
            }

            var endorsements = element.TryGetProperty("endorsements", out var e) && e.ValueKind == JsonValueKind.Array
                ? e.EnumerateArray().Select(x => x.GetString()).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase)
                : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            keys[key.Kid] = new EndorsedKey(key, endorsements);
        }

        _keys = keys;
        _fetchedAt = time.GetUtcNow();
        LogKeysRefreshed(logger, keys.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot Framework signing keys refreshed: {Count} key(s)")]
    private static partial void LogKeysRefreshed(ILogger logger, int count);
}
