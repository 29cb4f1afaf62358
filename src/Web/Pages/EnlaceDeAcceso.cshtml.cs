using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.SignIn;
using SosepBot.Web.Console;

namespace SosepBot.Web.Pages;

/// <summary>
/// «Enviar enlace de acceso» (IT staff): find a person and mail them a one-time sign-in link through the outbox
/// (a few per person per hour at most).
/// </summary>
[StaffOnly]
public sealed class EnlaceDeAccesoModel(PeopleService people, LoginLinkService links, IOptions<WebOptions> web, ILogger<EnlaceDeAccesoModel> logger)
    : ConsolePageModel
{
    private const int Shown = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    public IReadOnlyList<Person> People { get; private set; } = [];

    /// <summary>More people match than are shown.</summary>
    public bool More { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync() => await FindAsync();

    public async Task<IActionResult> OnPostEnviarAsync(string? correo)
    {
        try
        {
            var issued = await links.MailAsync(correo ?? string.Empty, web.Value.LinkFor, HttpContext.RequestAborted);
            Log.LinkMailed(logger, Actor.PersonId);
            Done = $"Se envió por correo un enlace de acceso a {issued.Email}; vale {(int)LoginLinkService.Lifetime.TotalMinutes} minutos y sirve una sola vez.";
            return Redirect("/enlace-de-acceso" + (string.IsNullOrWhiteSpace(Q) ? "" : "?q=" + Uri.EscapeDataString(Q)));
        }
        catch (DomainException e)
        {
            Error = e.Message;
            Response.StatusCode = e.Kind == ErrorKind.NotFound ? StatusCodes.Status404NotFound
                : e.Kind == ErrorKind.Conflict ? StatusCodes.Status429TooManyRequests : StatusCodes.Status422UnprocessableEntity;
            await FindAsync();
            return Page();
        }
    }

    private async Task FindAsync()
    {
        var matching = await people.SearchAsync(Q, Shown + 1, activeOnly: true, role: null, HttpContext.RequestAborted);
        People = matching.Take(Shown).ToList();
        More = matching.Count > Shown;
    }
}
