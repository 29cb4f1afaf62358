using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SosepBot.Core.People;
using SosepBot.Core.SignIn;

namespace SosepBot.Bot.Auth;

/// <summary>Authenticates X-Api-Key against the hashed keys of <see cref="PeopleService"/>.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PeopleService people)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(SosepClaims.ApiKeyHeader, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        var person = await people.AuthenticateApiKeyAsync(values.ToString(), Context.RequestAborted);
        if (person is null)
        {
            return AuthenticateResult.Fail("La clave de acceso no es válida o fue revocada.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(SignInClaims.PersonId, person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Name, person.DisplayName)],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Unauthorized.WriteAsync(Context, Request.Headers.ContainsKey(SosepClaims.ApiKeyHeader)
            ? "La clave de acceso no es válida o fue revocada."
            : "Envíe su clave personal en el encabezado X-Api-Key (o un token de Entra ID donde esté configurado).");
}
