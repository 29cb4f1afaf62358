using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using SosepBot.Core.People;

namespace SosepBot.Web.Auth;

/// <summary>
/// «Entrar con Microsoft»: OpenID Connect against Entra ID; the signed-in person is found as the API finds a token's
/// (object id, then e-mail) and gets the console's own cookie. Nobody registered: the Spanish page /entrar/sin-cuenta.
/// </summary>
public static class ConsoleEntraSignIn
{
    public const string Scheme = "SosepConsolaEntra";

    public const string StartPath = "/entrar/microsoft";

    public const string NoAccountPath = "/entrar/sin-cuenta";

    public static AuthenticationBuilder AddConsoleEntra(this AuthenticationBuilder builder, ConsoleEntraOptions entra)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(entra);
        return builder.AddOpenIdConnect(Scheme, "Microsoft", o =>
        {
            o.Authority = entra.Authority;
            o.RequireHttpsMetadata = entra.RequireHttpsMetadata;
            o.ClientId = entra.ClientId;
            o.ClientSecret = entra.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            // The code comes back in a top-level GET, so the correlation and nonce cookies can stay SameSite=Lax
            // (a cross-site form_post would need SameSite=None).
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            o.Scope.Add("email");
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.SignInScheme = ConsoleAuth.Scheme;
            o.Events = new OpenIdConnectEvents { OnTokenValidated = ToConsolePersonAsync, OnRemoteFailure = RemoteFailureAsync };
        });
    }

    /// <summary>Replaces Entra's identity with the console's: the person's id and name, nothing else from the token.</summary>
    private static async Task ToConsolePersonAsync(TokenValidatedContext context)
    {
        var http = context.HttpContext;
        var person = await http.RequestServices.GetRequiredService<PeopleService>().FindSignedInAsync(context.Principal!, http.RequestAborted);
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsoleEntraSignIn));
        if (person is null)
        {
            Log.EntraSignInUnknown(logger);
            context.HandleResponse();
            http.Response.Redirect(NoAccountPath);
            return;
        }

        context.Principal = ConsoleAuth.PrincipalOf(person);
        Log.SignedInWithEntra(logger, person.Id);
    }

    /// <summary>A refused or broken sign-in at Microsoft's side comes back to the sign-in page with a Spanish message.</summary>
    private static Task RemoteFailureAsync(RemoteFailureContext context)
    {
        Log.EntraSignInFailed(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsoleEntraSignIn)), context.Failure?.GetType().Name ?? "unknown");
        context.HandleResponse();
        context.Response.Redirect("/entrar?microsoft=error");
        return Task.CompletedTask;
    }

    /// <summary>Starts the sign-in at Microsoft, coming back to <paramref name="volver"/> when it is a local address.</summary>
    public static IResult Start(string? volver) =>
        Results.Challenge(new AuthenticationProperties { RedirectUri = IsLocal(volver) ? volver : "/" }, [Scheme]);

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
