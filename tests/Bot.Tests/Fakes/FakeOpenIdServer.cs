using System.Collections.Concurrent;
using System.Security.Cryptography;
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
/// An OpenID Connect provider on 127.0.0.1 standing in for Entra ID (login.microsoftonline.com/{tenant}/v2.0): discovery,
/// JWKS, and the authorization-code flow with PKCE for one registered client (authorize signs in
/// <see cref="SignedInUser"/> without a form, as a browser already signed in at Microsoft would be). Real HTTP, real RS256
/// signatures.
/// </summary>
public sealed class FakeOpenIdServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly string _keyId = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, Grant> _codes = new(StringComparer.Ordinal);

    private FakeOpenIdServer(WebApplication app, string tenant)
    {
        _app = app;
        Tenant = tenant;
    }

    public string Tenant { get; }

    /// <summary>"http://127.0.0.1:port/".</summary>
    public string Instance { get; private set; } = string.Empty;

    public string Issuer => $"{Instance.TrimEnd('/')}/{Tenant}/v2.0";

    /// <summary>The one web application registered (client id and secret).</summary>
    public (string Id, string Secret) Client { get; set; } = ("sosep-consola", "secreto-de-prueba");

    /// <summary>Who is signed in at the provider; null answers authorize with access_denied.</summary>
    public OpenIdUser? SignedInUser { get; set; }

    /// <summary>Codes redeemed at the token endpoint (each once).</summary>
    public int Redeemed => _redeemed;

    private int _redeemed;

    public static async Task<FakeOpenIdServer> StartAsync(string tenant = "sosep-tenant")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenIdServer(app, tenant);
        app.MapGet($"/{tenant}/v2.0/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = server.Issuer,
            ["jwks_uri"] = $"{server.Instance.TrimEnd('/')}/{tenant}/discovery/v2.0/keys",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["authorization_endpoint"] = $"{server.Instance.TrimEnd('/')}/{tenant}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{server.Instance.TrimEnd('/')}/{tenant}/oauth2/v2.0/token",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["scopes_supported"] = new[] { "openid", "profile", "email" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        app.MapGet($"/{tenant}/oauth2/v2.0/authorize", (HttpRequest r) => server.Authorize(r.Query));
        app.MapPost($"/{tenant}/oauth2/v2.0/token", async (HttpRequest r) => server.Redeem(await r.ReadFormAsync()));
        app.MapGet($"/{tenant}/discovery/v2.0/keys", () =>
        {
            var p = server._rsa.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", kid = server._keyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } } });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Instance = address.TrimEnd('/') + "/";
        return server;
    }

    /// <summary>A token as Entra ID would issue it for the API.</summary>
    public string Token(string audience, string objectId, string? email = null, TimeSpan? lifetime = null, string? issuer = null)
    {
        var claims = new Dictionary<string, object> { ["oid"] = objectId, ["tid"] = Tenant };
        if (email is not null)
        {
            claims["preferred_username"] = email;
        }

        return Sign(audience, claims, lifetime, issuer);
    }

    private IResult Authorize(IQueryCollection q)
    {
        var redirect = q["redirect_uri"].ToString();
        if (q["client_id"] != Client.Id || q["response_type"] != "code" || q["code_challenge_method"] != "S256"
            || string.IsNullOrEmpty(q["code_challenge"]) || !Uri.TryCreate(redirect, UriKind.Absolute, out _))
        {
            return Results.BadRequest(new { error = "invalid_request" });
        }

        var state = Uri.EscapeDataString(q["state"].ToString());
        var separator = redirect.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        if (SignedInUser is not { } user)
        {
            return Results.Redirect($"{redirect}{separator}error=access_denied&state={state}");
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        _codes[code] = new Grant(user, q["nonce"].ToString(), q["code_challenge"].ToString(), redirect);
        return Results.Redirect($"{redirect}{separator}code={code}&state={state}");
    }

    private IResult Redeem(IFormCollection form)
    {
        if (form["grant_type"] != "authorization_code" || form["client_id"] != Client.Id || form["client_secret"] != Client.Secret
            || !_codes.TryRemove(form["code"].ToString(), out var grant) || form["redirect_uri"] != grant.RedirectUri
            || Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != grant.Challenge)
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
        }

        Interlocked.Increment(ref _redeemed);
        var claims = new Dictionary<string, object>
        {
            ["oid"] = grant.User.ObjectId, ["sub"] = grant.User.ObjectId, ["tid"] = Tenant, ["name"] = grant.User.Name, ["nonce"] = grant.Nonce,
        };
        if (grant.User.Email is not null)
        {
            claims["preferred_username"] = grant.User.Email;
        }

        return Results.Json(new { token_type = "Bearer", expires_in = 3600, access_token = "opaco", id_token = Sign(Client.Id, claims, null, null) });
    }

    private string Sign(string audience, Dictionary<string, object> claims, TimeSpan? lifetime, string? issuer)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(30)),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = _keyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    private sealed record Grant(OpenIdUser User, string Nonce, string Challenge, string RedirectUri);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
