using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SosepBot.Bot.Tests.Fakes;

/// <summary>
/// What MSAL asks Entra ID for a client-credentials token under the authority https://login.microsoftonline.com/{tenant}
/// (instance discovery, the tenant's metadata, the token endpoint), mapped on a loopback stand-in that MSAL reaches
/// through <see cref="RedirectingMsalHttpClientFactory"/>; a test decides what the token request gets.
/// </summary>
internal static class FakeEntraLogin
{
    public static void Map(WebApplication app, string discoveryTenant, Func<IFormCollection, IResult> token)
    {
        app.MapGet("/common/discovery/instance", () => Results.Json(new Dictionary<string, object>
        {
            ["tenant_discovery_endpoint"] = $"https://login.microsoftonline.com/{discoveryTenant}/v2.0/.well-known/openid-configuration",
            ["api-version"] = "1.1",
            ["metadata"] = new[] { new Dictionary<string, object> { ["preferred_network"] = "login.microsoftonline.com", ["preferred_cache"] = "login.windows.net", ["aliases"] = new[] { "login.microsoftonline.com", "login.windows.net" } } },
        }));
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Results.Json(new Dictionary<string, object>
        {
            ["token_endpoint"] = $"https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token",
            ["authorization_endpoint"] = $"https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize",
            ["issuer"] = $"https://login.microsoftonline.com/{tenant}/v2.0",
        }));
        app.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpRequest request) => token(await request.ReadFormAsync()));
    }

    /// <summary>A token response as Entra ID sends it.</summary>
    public static IResult Token(string accessToken) =>
        Results.Json(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = accessToken });
}
