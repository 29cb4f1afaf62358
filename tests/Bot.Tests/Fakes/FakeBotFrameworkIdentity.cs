using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SosepBot.Bot.Tests.Fakes;

/// <summary>
/// Stands in for the Bot Framework's identity services on 127.0.0.1: the channel's OpenID metadata and JWKS (keys
/// with endorsements) that sign the tokens sent with activities, and the Entra ID token endpoint MSAL asks for the
/// bot's outbound token (reached through <see cref="RedirectingMsalHttpClientFactory"/>, since MSAL accepts https
/// authorities only). Real HTTP, real RS256 signatures.
/// </summary>
public sealed class FakeBotFrameworkIdentity : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";

    private readonly WebApplication _app;
    private readonly List<(string Kid, RSA Rsa, string[] Endorsements)> _published = [];
    private int _tokensIssued;

    private FakeBotFrameworkIdentity(WebApplication app)
    {
        _app = app;
        AddKey(["msteams", "webchat"]);
    }

    public string BaseUrl { get; private set; } = string.Empty;

    public string MetadataUrl => $"{BaseUrl}/v1/.well-known/openidconfiguration";

    /// <summary>How many outbound tokens MSAL obtained (its cache keeps it low).</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>The access token handed to the bot by the fake token endpoint.</summary>
    public static string OutboundToken(int n) => $"token-del-bot-{n}";

    public static async Task<FakeBotFrameworkIdentity> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeBotFrameworkIdentity(app);
        app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = $"{fake.BaseUrl}/v1/.well-known/keys",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        }));
        app.MapGet("/v1/.well-known/keys", () =>
        {
            lock (fake._published)
            {
                var keys = fake._published.Select(k =>
                {
                    var p = k.Rsa.ExportParameters(false);
                    return new JsonObject
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["kid"] = k.Kid,
                        ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                        ["endorsements"] = new JsonArray(k.Endorsements.Select(e => (JsonNode)e).ToArray()),
                    };
                }).ToArray();
                return Results.Text(new JsonObject { ["keys"] = new JsonArray(keys) }.ToJsonString(), "application/json");
            }
        });

        // Entra ID for MSAL (client credentials).
        FakeEntraLogin.Map(app, "botframework.com", form =>
        {
            if (form["grant_type"] != "client_credentials" || form["scope"] != "https://api.botframework.com/.default" || string.IsNullOrEmpty(form["client_secret"]))
            {
                return Results.Json(new { error = "invalid_request" }, statusCode: 400);
            }

            return FakeEntraLogin.Token(OutboundToken(Interlocked.Increment(ref fake._tokensIssued)));
        });
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return fake;
    }

    /// <summary>Publishes another signing key (key rotation); returns its kid.</summary>
    public string AddKey(string[] endorsements)
    {
        var kid = Guid.NewGuid().ToString("N");
        lock (_published)
        {
            _published.Add((kid, RSA.Create(2048), endorsements));
        }

        return kid;
    }

    public string FirstKid => _published[0].Kid;

    /// <summary>A channel token as the Bot Connector sends it.</summary>
    public string Token(
        string audience,
        string? serviceUrl,
        string? issuer = null,
        DateTime? expires = null,
        string? kid = null,
        bool hs256 = false,
        RSA? unpublishedKey = null)
    {
        var now = DateTime.UtcNow;
        var exp = expires ?? now.AddMinutes(30);
        var claims = new Dictionary<string, object> { ["appid"] = "canal-de-bot-framework" };
        if (serviceUrl is not null)
        {
            claims["serviceurl"] = serviceUrl;
        }

        SigningCredentials credentials;
        if (hs256)
        {
            credentials = new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = FirstKid }, SecurityAlgorithms.HmacSha256);
        }
        else if (unpublishedKey is not null)
        {
            credentials = new SigningCredentials(new RsaSecurityKey(unpublishedKey) { KeyId = "clave-desconocida" }, SecurityAlgorithms.RsaSha256);
        }
        else
        {
            var key = _published.First(k => k.Kid == (kid ?? FirstKid));
            credentials = new SigningCredentials(new RsaSecurityKey(key.Rsa) { KeyId = key.Kid }, SecurityAlgorithms.RsaSha256);
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = exp.AddHours(-1),
            NotBefore = exp.AddHours(-1),
            Expires = exp,
            SigningCredentials = credentials,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var k in _published)
        {
            k.Rsa.Dispose();
        }
    }
}
