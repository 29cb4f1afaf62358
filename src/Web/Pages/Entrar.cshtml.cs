using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.SignIn;
using SosepBot.Web.Auth;

namespace SosepBot.Web.Pages;

/// <summary>
/// Sign-in with a one-time link: the link opens this page, and the button posts the token (so that a mail scanner that
/// opens links does not use it up). A used, expired or unknown link is refused in Spanish.
/// </summary>
public sealed class EntrarModel(LoginLinkService links, IOptions<ConsoleEntraOptions> entra, ILogger<EntrarModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "t")]
    public string? T { get; set; }

    [BindProperty(SupportsGet = true, Name = "volver")]
    public string? Volver { get; set; }

    [BindProperty(SupportsGet = true, Name = "salio")]
    public bool SignedOut { get; set; }

    /// <summary>Set when the sign-in at Microsoft came back refused or broken.</summary>
    [BindProperty(SupportsGet = true, Name = "microsoft")]
    public string? MicrosoftFailed { get; set; }

    public string? Error { get; private set; }

    /// <summary>«Entrar con Microsoft» is offered when Web:Entra is configured.</summary>
    public bool WithMicrosoft => entra.Value.Enabled;

    public void OnGet()
    {
        if (MicrosoftFailed is not null)
        {
            Error = "No se pudo entrar con Microsoft: la cuenta no confirmó el acceso o la respuesta no fue válida. Inténtelo de nuevo o pida un enlace de acceso.";
        }
    }

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

        await HttpContext.SignInAsync(ConsoleAuth.Scheme, ConsoleAuth.PrincipalOf(person));
        Log.SignedIn(logger, person.Id);
        return LocalRedirect(Url.IsLocalUrl(Volver) ? Volver! : "/");
    }
}
