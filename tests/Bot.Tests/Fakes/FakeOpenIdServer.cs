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
/// An OpenID Connect metadata and JWKS service on 127.0.0.1 that signs test tokens, standing in for
/// Entra ID (login.microsoftonline.com/{tenant}/v2.0). Real HTTP, real RS256 signatures.
/// </summary>
public sealed class FakeOpenIdServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly string _keyId = Guid.NewGuid().ToString("N");

    private FakeOpenIdServer(WebApplication app, string tenant)
    {
        _app = app;
        Tenant = tenant;
    }

    public string Tenant { get; }

    /// <summary>"http://127.0.0.1:port/".</summary>
    public string Instance { get; private set; } = string.Empty;

    public string Issuer => $"{Instance.TrimEnd('/')}/{Tenant}/v2.0";

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
        }));
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

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
