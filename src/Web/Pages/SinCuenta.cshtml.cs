using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SosepBot.Web.Pages;

/// <summary>Where «Entrar con Microsoft» ends for an account nobody registered (403, with whom to ask).</summary>
public sealed class SinCuentaModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
