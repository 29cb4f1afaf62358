using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SosepBot.Core.Errors;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.Validation;
using SosepBot.Web.Console;

namespace SosepBot.Web.Pages.Solicitudes;

/// <summary>
/// «Nueva solicitud»: every procedure the person may open, with its form's inputs (Core's <see cref="RequestForm"/>, the
/// same as the Teams card: DI-Frm_001 … 004, the equipment of a dictamen), opened through
/// <see cref="RequestOpening.OpenAsync(Actor, NewRequest, CancellationToken)"/>. The CUI and the NIT are checked as they
/// are typed by Core's own rule (handler «Comprobar», called by consola.js) and again when the form is sent. IT staff may
/// register a request for somebody else, received by phone (DS-UI-06).
/// </summary>
public sealed class NuevaModel(RequestOpening opening, ProcedureCatalog catalog) : ConsolePageModel
{
    [BindProperty(SupportsGet = true, Name = "procedimiento")]
    public string? Procedimiento { get; set; } = ProcedureCodes.SoporteTecnico;

    [BindProperty(Name = "solicitante")]
    public string? Solicitante { get; set; }

    [BindProperty(Name = "telefono")]
    public bool Telefono { get; set; }

    public string? Error { get; private set; }

    /// <summary>The input the refusal is about, to show the message next to it.</summary>
    public string? ErrorInput { get; private set; }

    /// <summary>What was typed, by input id (kept when the form is refused).</summary>
    public Dictionary<string, string?> Values { get; } = new(StringComparer.Ordinal);

    [TempData]
    public string? Done { get; set; }

    /// <summary>Top-level procedures the person may open.</summary>
    public IEnumerable<ProcedureDefinition> Procedures => catalog.Procedures
        .Where(p => p.OpenedBy.Count == 0 || p.OpenedBy.Any(Actor.Holds));

    /// <summary>The chosen procedure (the first one when the choice is unknown or not the person's).</summary>
    public ProcedureDefinition Chosen => Procedures.FirstOrDefault(p => string.Equals(p.Code, Procedimiento, StringComparison.OrdinalIgnoreCase))
        ?? Procedures.First();

    public IReadOnlyList<FormInput> Inputs => RequestForm.Inputs(Chosen);

    /// <summary>The CUI or NIT as typed, checked by Core's rule: «ok» and, when it is not valid, the Spanish reason.</summary>
    public IActionResult OnGetComprobar(string? campo, string? valor)
    {
        IdCheckResult? result = campo switch
        {
            "cui" => GuatemalanIds.ValidateCui(valor),
            "nit" => GuatemalanIds.ValidateNit(valor),
            _ => null,
        };
        return result is null
            ? BadRequest()
            : new JsonResult(new { ok = result.IsValid, mensaje = result.IsValid ? null : result.Error });
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var procedure = Chosen;
        foreach (var input in RequestForm.Inputs(procedure))
        {
            Values[input.Id] = input.Kind == FormInputKind.Toggle
                ? (Request.Form[input.Id].Contains("true") ? "true" : "false")
                : Request.Form[input.Id].FirstOrDefault();
        }

        try
        {
            var opened = await opening.OpenAsync(Actor, RequestForm.Read(procedure, Values, Telefono ? Channel.Phone : Channel.Web) with
            {
                RequesterEmail = string.IsNullOrWhiteSpace(Solicitante) ? null : Solicitante,
            }, HttpContext.RequestAborted);
            Done = $"Se abrió la solicitud {opened.Number}.";
            return Redirect($"/solicitudes/{Uri.EscapeDataString(opened.Number)}");
        }
        catch (DomainException e)
        {
            Error = e.Message;
            ErrorInput = RequestForm.InputOfRefusal(e.Field);
            Response.StatusCode = e.Kind == ErrorKind.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }
}
