using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SosepBot.Core.Errors;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Web.Console;

namespace SosepBot.Web.Pages.Solicitudes;

/// <summary>
/// «Nueva solicitud» for the procedures without a form (a support ticket above all) through
/// <see cref="RequestOpening.OpenAsync(Actor, NewRequest, CancellationToken)"/>; IT staff may register it for somebody else, received by phone.
/// </summary>
public sealed class NuevaModel(RequestOpening opening, ProcedureCatalog catalog) : ConsolePageModel
{
    [BindProperty(SupportsGet = true, Name = "procedimiento")]
    public string? Procedimiento { get; set; } = ProcedureCodes.SoporteTecnico;

    [BindProperty(Name = "titulo")]
    public string? Titulo { get; set; }

    [BindProperty(Name = "descripcion")]
    public string? Descripcion { get; set; }

    [BindProperty(Name = "solicitante")]
    public string? Solicitante { get; set; }

    [BindProperty(Name = "telefono")]
    public bool Telefono { get; set; }

    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    /// <summary>Top-level procedures without a form that the person may open.</summary>
    public IEnumerable<ProcedureDefinition> Procedures => catalog.Procedures
        .Where(p => p.Form is null && (p.OpenedBy.Count == 0 || p.OpenedBy.Any(Actor.Holds)));

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var opened = await opening.OpenAsync(Actor, new NewRequest
            {
                ProcedureCode = Procedimiento ?? string.Empty,
                Title = Titulo ?? string.Empty,
                Description = Descripcion,
                RequesterEmail = string.IsNullOrWhiteSpace(Solicitante) ? null : Solicitante,
                Channel = Telefono ? Channel.Phone : null,
            }, HttpContext.RequestAborted);
            Done = $"Se abrió la solicitud {opened.Number}.";
            return Redirect($"/solicitudes/{Uri.EscapeDataString(opened.Number)}");
        }
        catch (DomainException e)
        {
            Error = e.Message;
            Response.StatusCode = e.Kind == ErrorKind.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }
}
