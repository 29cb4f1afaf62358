using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;
using SosepBot.Core.SignIn;
using SosepBot.Web.Auth;

namespace SosepBot.Web.Pages;

/// <summary>
/// Sign-in with a one-time link: the link opens this page, and the button posts the token (so that a mail scanner that
/// opens links does not use it up). A used, expired or unknown link is refused in Spanish.
/// </summary>
public sealed class EntrarModel(LoginLinkService links, ILogger<EntrarModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "t")]
    public string? T { get; set; }

    [BindProperty(SupportsGet = true, Name = "volver")]
    public string? Volver { get; set; }

    [BindProperty(SupportsGet = true, Name = "salio")]
    public bool SignedOut { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var person = await links.RedeemAsync(T, HttpContext.RequestAborted);
        if (person is null)
        {
            Log.SignInRefused(logger);
            Error = "El enlace de acceso no es válido: ya se usó, venció (dura 15 minutos) o está incompleto. Pida uno nuevo.";
            T = null;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ConsoleAuth.PersonIdClaim, person.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, person.DisplayName),
            ],
            ConsoleAuth.Scheme);
        await HttpContext.SignInAsync(ConsoleAuth.Scheme, new ClaimsPrincipal(identity));
        Log.SignedIn(logger, person.Id);
        return LocalRedirect(Url.IsLocalUrl(Volver) ? Volver! : "/");
    }
}
