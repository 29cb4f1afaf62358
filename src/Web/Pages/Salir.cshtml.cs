using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SosepBot.Web.Auth;

namespace SosepBot.Web.Pages;

/// <summary>Sign-out (a POST with the anti-forgery token; a GET only goes back home).</summary>
public sealed class SalirModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleAuth.Scheme);
        return Redirect("/entrar?salio=true");
    }
}
