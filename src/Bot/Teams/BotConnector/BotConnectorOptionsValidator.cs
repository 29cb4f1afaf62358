using System.Net;
using Microsoft.Extensions.Options;

namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>Cross-field rules of <see cref="BotConnectorOptions"/>, including the loopback-only rule of the local mode.</summary>
public sealed class BotConnectorOptionsValidator(IConfiguration configuration) : IValidateOptions<BotConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, BotConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.HasCredentials && string.IsNullOrWhiteSpace(options.AppPassword))
        {
            failures.Add("Teams:AppPassword is required when Teams:AppId is set (use an environment variable or user secrets).");
        }

        if (!SecureOrLoopback(options.OpenIdMetadataUrl))
        {
            failures.Add("Teams:OpenIdMetadataUrl must be an https URL (plain http only on loopback, for tests).");
        }

        if (!Uri.TryCreate(options.LoginInstance, UriKind.Absolute, out _))
        {
            failures.Add("Teams:LoginInstance must be an absolute URL such as https://login.microsoftonline.com/.");
        }

        // The connector may spend up to (attempts − 1) × MaxRetryAfter on one reply, and a turn posts a few: the escrowed
        // copy must not fall due while the turn is still posting the original (it would be delivered twice).
        var longestPost = options.Retry.MaxRetryAfter * Math.Max(options.Retry.MaxAttempts - 1, 0);
        if (options.ReplyEscrowDelay < (2 * longestPost) + options.TurnTimeout)
        {
            failures.Add($"Teams:ReplyEscrowDelay ({options.ReplyEscrowDelay}) must be at least twice the connector's longest retries of one reply ({longestPost}: Teams:Retry:MaxAttempts and MaxRetryAfter) plus Teams:TurnTimeout, or a reply could be delivered twice.");
        }

        if (options.AllowUnauthenticatedLocal)
        {
            var urls = ListeningUrls().ToList();
            var exposed = urls.Where(u => !IsLoopbackUrl(u)).ToList();
            if (exposed.Count > 0)
            {
                failures.Add($"Teams:AllowUnauthenticatedLocal accepts activities without a token and is allowed only when the service listens on loopback; Urls has {string.Join(", ", exposed)}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static bool IsLoopbackUrl(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    private static bool SecureOrLoopback(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    private IEnumerable<string> ListeningUrls()
    {
        var urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"];
        foreach (var url in (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return url;
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                yield return url;
            }
        }
    }
}
