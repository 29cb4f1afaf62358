using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Dashboard;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.SignIn;
using SosepBot.Web.Auth;

namespace SosepBot.Web.Console;

/// <summary>
/// A signed-in page: finds the person of the cookie as an <see cref="Actor"/> with the roles they hold now (as the API
/// does), refuses staff pages to others with the Spanish 403 page, and shows Core's refusals as Spanish pages.
/// </summary>
public abstract class ConsolePageModel : PageModel
{
    public Actor Actor { get; private set; } = null!;

    /// <summary>Why Core refused what the page asked, in Spanish; shown as an alert.</summary>
    public string? Refusal { get; protected set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var actor = await FindActorAsync(HttpContext);
        if (actor is null)
        {
            await HttpContext.SignOutAsync(ConsoleAuth.Scheme);
            context.Result = RedirectToPage("/Entrar");
            return;
        }

        Actor = actor;
        HttpContext.Items[typeof(Actor)] = actor;
        if (GetType().GetCustomAttribute<StaffOnlyAttribute>(inherit: true) is { } staffOnly && !staffOnly.Admits(actor))
        {
            context.Result = ProblemPage(StatusCodes.Status403Forbidden, new ProblemView("Acceso denegado", staffOnly.Roles.Count == 0
                ? "Esta página es solo para el personal de la Unidad de Informática. Si necesita ayuda, revise sus pendientes o sus solicitudes."
                : DashboardTexts.OnlyDirector));
            return;
        }

        if (GetType().GetCustomAttributes(typeof(OnlyForAttribute), inherit: true) is [OnlyForAttribute only] && !only.Roles.Any(actor.Holds))
        {
            context.Result = ProblemPage(StatusCodes.Status403Forbidden, new ProblemView("Acceso denegado", WebTexts.OnlyFor(string.Join(", ", only.Roles.Select(r => r.ToSpanish())))));
            return;
        }

        var executed = await next();
        if (executed.Exception is DomainException e && !executed.ExceptionHandled)
        {
            executed.ExceptionHandled = true;
            executed.Result = ProblemPage(e.Kind switch
            {
                ErrorKind.NotFound => StatusCodes.Status404NotFound,
                ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
                ErrorKind.InvalidState or ErrorKind.Conflict => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            }, new ProblemView(e.Kind switch
            {
                ErrorKind.NotFound => "No encontrado",
                ErrorKind.Forbidden => "Acceso denegado",
                _ => "No se pudo completar",
            }, e.Message));
        }
    }

    /// <summary>The active person of the console's cookie, or null.</summary>
    public static async Task<Actor?> FindActorAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var claim = http.User.FindFirst(SignInClaims.PersonId)?.Value;
        if (claim is null || !long.TryParse(claim, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        var people = http.RequestServices.GetRequiredService<PeopleService>();
        return PeopleService.ActorOf(await people.FindAsync(id, http.RequestAborted), Channel.Web);
    }

    /// <summary>
    /// Runs a change asked by a form. Done: <paramref name="done"/> gets its sentence and the browser goes back to
    /// <paramref name="back"/>. Refused by Core (nothing changed): the page again, reloaded, with the reason.
    /// </summary>
    protected async Task<IActionResult> ChangeAsync(Func<CancellationToken, Task<string>> change, Action<string> done, string back, Func<Task> reload, int refusedStatus)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(reload);
        try
        {
            done(await change(HttpContext.RequestAborted));
            return Redirect(back);
        }
        catch (DomainException e) when (e.Kind is not ErrorKind.Forbidden)
        {
            Refusal = e.Message;
            await reload();
            Response.StatusCode = refusedStatus;
            return Page();
        }
    }

    protected ViewResult ProblemPage(int status, ProblemView problem) => new()
    {
        ViewName = "/Pages/Shared/Problema.cshtml",
        StatusCode = status,
        ViewData = new ViewDataDictionary<ProblemView>(MetadataProvider, new ModelStateDictionary()) { Model = problem },
    };
}
