using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SosepBot.Core.Attachments;
using SosepBot.Core.Documents;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.Scheduling;
using SosepBot.Web.Console;

namespace SosepBot.Web.Pages.Solicitudes;

/// <summary>
/// «Solicitud»: one request with its data and timeline, and the actions Core allows the person now
/// (<see cref="RequestDetails.Actions"/>) as forms with the inputs each asks for; acting goes through
/// <see cref="RequestActions.FireAsync"/> with the version the person saw, so a concurrent change is refused. Its files
/// (attached on <see cref="ArchivosModel"/>) and the versions of its generated documents (<see cref="IDocumentService"/>)
/// are in the one timeline, each a download link.
/// </summary>
public sealed class DetalleModel(
    RequestQueries queries, RequestActions actions, PeopleService people, IDocumentService documents, IOptions<AttachmentOptions> attachmentOptions,
    ProcedureCatalog catalog, BusinessCalendar calendar, TimeProvider time)
    : ConsolePageModel
{
    [FromRoute(Name = "numero")]
    public string Numero { get; set; } = string.Empty;

    public RequestDetails Details { get; private set; } = null!;

    public ProcedureDefinition Procedure { get; private set; } = null!;

    public BusinessCalendar Calendar => calendar;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>A refusal of the last action, in Core's Spanish words.</summary>
    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    /// <summary>A refusal said by a page that came back here (the files' upload), in Core's Spanish words.</summary>
    [TempData]
    public string? Rechazo { get; set; }

    /// <summary>Every stored version of the request's generated documents the person may see, oldest first.</summary>
    public IReadOnlyList<GeneratedDocumentView> Documents { get; private set; } = [];

    /// <summary>The documents Core lets the person make for the request now.</summary>
    public IReadOnlyList<DocumentKind> Available { get; private set; } = [];

    public AttachmentOptions AttachmentLimits => attachmentOptions.Value;

    /// <summary>The kinds a person attaches (the generated documents' kinds are made here, not uploaded).</summary>
    public static IReadOnlyList<AttachmentKind> UploadKinds { get; } =
        Enum.GetValues<AttachmentKind>().Except(Enum.GetValues<DocumentKind>().Select(k => k.AttachmentKind())).ToList();

    /// <summary>The people who may be chosen for an action that assigns, by the role it asks for.</summary>
    /// <summary>At most this many people are offered for a role in the pickers (the unit has a few dozen technicians).</summary>
    public const int MaxCandidates = 200;

    public IReadOnlyDictionary<Role, IReadOnlyList<Person>> Candidates { get; private set; } = new Dictionary<Role, IReadOnlyList<Person>>();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostActuarAsync(ActionForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        try
        {
            var details = await actions.FireAsync(Actor, Numero, form.Accion ?? string.Empty, await InputAsync(form), HttpContext.RequestAborted);
            var label = catalog.Get(details.Summary.ProcedureCode).Transition(form.Accion ?? string.Empty)?.Label ?? form.Accion;
            Done = $"Listo: {label}. La solicitud está ahora en «{details.Summary.State}».";
            return Redirect($"/solicitudes/{Uri.EscapeDataString(details.Summary.Number)}");
        }
        catch (DomainException e) when (e.Kind is not ErrorKind.NotFound)
        {
            Error = e.Message;
            Response.StatusCode = e.Kind is ErrorKind.Conflict or ErrorKind.InvalidState ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
            await LoadAsync();
            return Page();
        }
    }

    public async Task<IActionResult> OnPostComentarAsync(string? texto)
    {
        try
        {
            await actions.CommentAsync(Actor, Numero, texto ?? string.Empty, HttpContext.RequestAborted);
            Done = "Comentario agregado.";
            return Redirect($"/solicitudes/{Uri.EscapeDataString(RequestNumbers.Normalize(Numero))}");
        }
        catch (DomainException e) when (e.Kind is ErrorKind.Invalid)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync();
            return Page();
        }
    }

    /// <summary>Makes the document (a new version only when the request's data changed) and comes back to the timeline.</summary>
    public async Task<IActionResult> OnPostGenerarAsync(string? tipo)
    {
        try
        {
            var document = await documents.GenerateAsync(Actor, Numero, DocumentKinds.Parse(tipo), HttpContext.RequestAborted);
            Done = WebTexts.DocumentGenerated(document.Name, document.Version);
            return Redirect($"/solicitudes/{Uri.EscapeDataString(document.RequestNumber)}#historia");
        }
        catch (DomainException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.InvalidState or ErrorKind.Conflict)
        {
            Error = e.Message;
            Response.StatusCode = e.Kind is ErrorKind.Invalid ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict;
            await LoadAsync();
            return Page();
        }
    }

    /// <summary>Downloads a stored version of a document (the latest without <paramref name="version"/>); nothing is generated.</summary>
    public async Task<IActionResult> OnGetDocumentoAsync(string? tipo, int? version)
    {
        var (document, content) = await documents.OpenAsync(Actor, Numero, DocumentKinds.Parse(tipo), version, HttpContext.RequestAborted);
        return File(content, document.Attachment.ContentType, document.Attachment.FileName);
    }

    /// <summary>«Fotografía del equipo»: an attachment kind as the upload form lists it.</summary>
    public static string KindLabel(AttachmentKind kind)
    {
        var name = kind.ToSpanish();
        return char.ToUpper(name[0], System.Globalization.CultureInfo.InvariantCulture) + name[1..];
    }

    public TransitionDefinition? TransitionOf(AvailableAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Procedure.Transition(action.Action);
    }

    /// <summary>The form fields that hold a value, with the form's own Spanish labels.</summary>
    public IReadOnlyList<(string Label, string Value)> FormFields()
    {
        var f = Details.Form;
        if (f is null)
        {
            return [];
        }

        (string, string?)[] all =
        [
            ("Formulario", f.FormCode), ("Tipo de cambio", f.ChangeKind?.ToString()), ("Módulo o sistema", f.ModuleOrSystem),
            ("Unidad operativa", f.OperationalUnit), ("Programa / Sede / Dirección", f.ProgramSiteDirection), ("Director(a) / Jefe(a)", f.DirectorOrHead),
            ("Nombres completos", f.FirstNames), ("Apellidos completos", f.LastNames), ("NIT", f.Nit), ("CUI", f.Cui),
            ("Correo institucional", f.InstitutionalEmail), ("Cargo / Puesto", f.JobTitle), ("Perfil", f.Profile),
            ("Acceso a internet", f.InternetAccess?.ToString()), ("Permisos especiales", f.SpecialPermissions),
            ("Cuenta SICOIN", f.SicoinAccount ? "Sí" : null), ("Cuenta SIGES", f.SigesAccount ? "Sí" : null), ("Justificación", f.Justification),
        ];
        return all.Where(x => !string.IsNullOrWhiteSpace(x.Item2)).Select(x => (x.Item1, x.Item2!)).ToList();
    }

    public IReadOnlyList<(string Label, string Value)> EquipmentFields()
    {
        var e = Details.Equipment;
        if (e is null)
        {
            return [];
        }

        (string, string?)[] all =
        [
            ("Tipo de equipo", e.Kind), ("Marca", e.Brand), ("Modelo", e.Model), ("Color", e.Colour), ("Número de serie", e.SerialNumber),
            ("Número de bien", e.AssetNumber), ("Hallazgos", e.Findings), ("Diagnóstico", e.Diagnosis),
        ];
        return all.Where(x => !string.IsNullOrWhiteSpace(x.Item2)).Select(x => (x.Item1, x.Item2!)).ToList();
    }

    /// <summary>
    /// History, comments, files and document versions in one timeline, oldest first. The history's lines about files
    /// are left out: each file is its own line, with its link.
    /// </summary>
    public IReadOnlyList<TimelineEntry> Timeline()
    {
        var number = Uri.EscapeDataString(Details.Summary.Number);
        var generated = Documents.Select(d => d.Attachment.Id).ToHashSet();
        return Details.History.Where(h => h.Kind != Core.Audit.AuditKind.Attachment).Select(h => new TimelineEntry(h.At, $"{h.Actor} ({h.Role})", Describe(h)))
            .Concat(Details.Comments.Select(c => new TimelineEntry(c.CreatedAt, c.Author, $"comentó: {c.Text}")))
            .Concat(Details.Attachments.Where(a => !generated.Contains(a.Id)).Select(a => new TimelineEntry(
                a.CreatedAt, a.UploadedBy ?? "?", $"adjuntó {a.Kind.ToSpanish()}:", $"/solicitudes/{number}/archivos/{a.Id}", a.FileName, a.Size)))
            .Concat(Documents.Select(d => new TimelineEntry(
                d.Attachment.CreatedAt, d.GeneratedBy, $"generó el {d.Name}, versión {d.Version}:",
                $"/solicitudes/{number}?handler=Documento&tipo={d.Kind.Slug()}&version={d.Version}", d.Attachment.FileName, d.Attachment.Size)))
            .OrderBy(x => x.At).ToList();
    }

    private string Describe(HistoryItem h) => h.Kind switch
    {
        Core.Audit.AuditKind.Created => $"abrió la solicitud ({h.To})",
        Core.Audit.AuditKind.Transition =>
            $"{Procedure.Transition(h.Action ?? string.Empty)?.Label ?? h.Action}: {h.From} → {h.To}{(h.Detail is null ? string.Empty : $" — {h.Detail}")}",
        Core.Audit.AuditKind.Comment => "agregó un comentario",
        Core.Audit.AuditKind.Download => $"descargó {h.Detail}",
        _ => h.Detail ?? h.Kind.ToString(),
    };

    private async Task LoadAsync()
    {
        Details = await queries.GetAsync(Actor, Numero, HttpContext.RequestAborted);
        Procedure = catalog.Get(Details.Summary.ProcedureCode);
        (Documents, Available) = await documents.OfRequestAsync(Details, HttpContext.RequestAborted);
        var roles = Details.Actions.Where(a => a.ChoosesAssignee is not null).Select(a => a.ChoosesAssignee!.Value).Distinct().ToList();
        if (roles.Count > 0)
        {
            var candidates = new Dictionary<Role, IReadOnlyList<Person>>();
            foreach (var role in roles)
            {
                candidates[role] = await people.SearchAsync(null, MaxCandidates, activeOnly: true, role, HttpContext.RequestAborted);
            }

            Candidates = candidates;
        }
    }

    private async Task<ActionInput> InputAsync(ActionForm form)
    {
        List<long>? testers = null;
        foreach (var email in (form.Probadores ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var tester = await people.FindByEmailAsync(email, HttpContext.RequestAborted);
            (testers ??= []).Add(tester?.Id ?? throw new DomainException(ErrorKind.Invalid, PeopleTexts.NobodyToTest(email)));
        }

        var equipment = new[] { form.Marca, form.Modelo, form.Color, form.Serie, form.Bien, form.Hallazgos, form.Diagnostico }.Any(v => !string.IsNullOrWhiteSpace(v))
            ? new EquipmentData
            {
                Brand = form.Marca,
                Model = form.Modelo,
                Colour = form.Color,
                SerialNumber = form.Serie,
                AssetNumber = form.Bien,
                Findings = form.Hallazgos,
                Diagnosis = form.Diagnostico,
            }
            : null;
        return new ActionInput
        {
            Text = string.IsNullOrWhiteSpace(form.Texto) ? null : form.Texto,
            AssigneeId = form.Asignado,
            TesterIds = testers,
            PlannedEnd = form.FinPlan,
            ScheduledFor = form.NuevaFecha is { } d
                ? new DateTimeOffset(d.ToDateTime(new TimeOnly(8, 0)), calendar.TimeZone.GetUtcOffset(d.ToDateTime(new TimeOnly(8, 0))))
                : null,
            Equipment = equipment,
            Checklist = form.Limpieza is { Count: > 0 } c ? c : null,
            ExpectedVersion = form.Version,
        };
    }
}
