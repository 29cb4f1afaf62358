using System.Globalization;
using System.Security.Claims;
using SosepBot.Core.People;
using SosepBot.Core.SignIn;

namespace SosepBot.Web.Auth;

/// <summary>The console's cookie scheme and policy; the API keeps its own schemes (API keys, Entra ID tokens).</summary>
public static class ConsoleAuth
{
    public const string Scheme = "SosepConsola";

    public const string Policy = "Consola";

    public const string CookieName = "sosep.consola";

    /// <summary>Who the console's cookie says is signed in, however they signed in (a one-time link or Microsoft).</summary>
    public static ClaimsPrincipal PrincipalOf(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(SignInClaims.PersonId, person.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, person.DisplayName),
            ],
            Scheme));
    }
}
