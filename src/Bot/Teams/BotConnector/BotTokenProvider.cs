using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>
/// The bot's own token for calls to the connector: MSAL client credentials for scope
/// https://api.botframework.com/.default, on the tenant (single-tenant) or botframework.com (multi-tenant).
/// MSAL keeps the token in its in-memory app cache until shortly before it expires.
/// </summary>
public sealed class BotTokenProvider
{
    private readonly BotConnectorOptions _options;
    private readonly Lazy<IConfidentialClientApplication>? _app;

    public BotTokenProvider(IOptions<BotConnectorOptions> options, IMsalHttpClientFactory httpClientFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        if (_options.HasCredentials)
        {
            _app = new Lazy<IConfidentialClientApplication>(() => ConfidentialClientApplicationBuilder.Create(_options.AppId)
                .WithClientSecret(_options.AppPassword)
                .WithAuthority(_options.Authority, validateAuthority: true)
                .WithHttpClientFactory(httpClientFactory)
                .Build());
        }
    }

    /// <summary>The bearer token, or null when the bot runs without credentials (local mode).</summary>
    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_app is null)
        {
            return null;
        }

        var result = await _app.Value.AcquireTokenForClient([_options.Scope]).ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }
}
