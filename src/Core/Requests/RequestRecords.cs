using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Audit;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Scheduling;
using SosepBot.Core.Validation;

namespace SosepBot.Core.Requests;

/// <summary>
/// What the request services share: the views built from a request (summary, details), the history and event rows
/// every change writes, and the checks of free text.
/// </summary>
public sealed class RequestRecords(ProcedureCatalog catalog, TimeLimits timeLimits, BusinessCalendar calendar, TimeProvider time)
{
    public const int MaxText = 8000;

    public RequestSummary Summarize(Request r, ProcedureDefinition definition) => new(
        r.Number,
        r.ProcedureCode,
        definition.Name,
        r.State,
        r.Title,
        new PersonRef(r.RequesterId, r.Requester?.DisplayName ?? "?", r.Requester?.Email ?? string.Empty),
        r.Assignee is { } a ? new PersonRef(a.Id, a.DisplayName, a.Email) : null,
        r.Priority,
        r.OpenedVia,
        r.CreatedAt,
        r.UpdatedAt,
        r.DueAt,
        timeLimits.IsOverdue(r, time.GetUtcNow()),
        definition.IsFinal(r.State),
        r.Version);

    internal RequestDetails Details(
        Request request, ProcedureDefinition definition, Actor actor, List<ChildRef> children, string? parent, string? parentState,
        Dictionary<long, string> authors, IReadOnlyList<RequestTester> testers, IReadOnlySet<Documents.DocumentKind> documents, bool showPersonalData)
    {
        var context = new TransitionContext
        {
            Request = request,
            Actor = actor,
            ParentState = parentState,
            Now = time.GetUtcNow(),
            TimeZone = calendar.TimeZone,
            Children = children.Count,
            OpenChildren = children.Count(c => !catalog.Get(c.ProcedureCode).IsFinal(c.State)),
            Testers = testers.Select(t => new TesterRef(t.PersonId, t.ApprovedAt is not null)).ToList(),
            Documents = documents,
        };
        return new RequestDetails(
            Summarize(request, definition),
            request.Description,
            parent,
            children.Select(c => c.Number).ToList(),
            request.Unit,
            request.ScheduledFor,
            request.PlannedEnd,
            definition.Form is null ? null : showPersonalData ? request.Form : null,
            definition.Code is ProcedureCodes.DictamenTecnico or ProcedureCodes.VisitaMantenimiento ? request.Equipment : null,
            request.Approvals,
            request.History.Where(h => h.Kind != AuditKind.Download || actor.IsItStaff).OrderBy(h => h.At).ThenBy(h => h.Id)
                .Select(h => new HistoryItem(h.At, h.ActorName, h.Role, h.Channel, h.Kind, h.Action, h.FromState, h.ToState, h.Detail)).ToList(),
            request.Comments.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .Select(c => new CommentView(c.Id, authors.GetValueOrDefault(c.AuthorId, "?"), c.Text, c.Channel, c.CreatedAt)).ToList(),
            request.Attachments.OrderBy(a => a.Id)
                .Select(a => new AttachmentView(a.Id, a.Kind, a.FileName, a.ContentType, a.Size, a.Sha256, a.CreatedAt, authors.GetValueOrDefault(a.UploadedById))).ToList(),
            ProcedureMachine.Available(definition, context),
            testers.Select(t => new TesterView(t.PersonId, authors.GetValueOrDefault(t.PersonId, "?"), t.ApprovedAt)).ToList());
    }

    public AuditEntry Audit(Actor actor, string role, AuditKind kind, long? requestId, string? action, string? from, string? to, string? detail, Channel? channel = null) => new()
    {
        RequestId = requestId ?? 0,
        At = time.GetUtcNow(),
        ActorId = actor.PersonId,
        ActorName = actor.DisplayName,
        Role = role,
        Channel = channel ?? actor.Channel,
        Kind = kind,
        Action = action,
        FromState = from,
        ToState = to,
        Detail = detail,
    };

    public RequestEvent Event(Request request, string kind, string? action, string? from, string? to, Actor actor, long? previousAssignee = null, string? detail = null) => new()
    {
        RequestId = request.Id,
        Kind = kind,
        Action = action,
        FromState = from,
        ToState = to,
        ActorId = actor.PersonId,
        AssigneeId = request.AssigneeId,
        PreviousAssigneeId = previousAssignee,
        Detail = detail,
        CreatedAt = time.GetUtcNow(),
    };

    public static string RoleFor(Request request, Actor actor) =>
        request.RequesterId == actor.PersonId ? RoleNames.Requester : StaffRole(actor);

    public static string StaffRole(Actor actor) =>
        actor.Roles.Count == 0 ? "Usuario" : actor.Roles.Order().First().ToSpanish();

    /// <summary>The kinds of document generated for the request, read only for procedures whose guards look at them.</summary>
    public static async Task<IReadOnlySet<Documents.DocumentKind>> DocumentsAsync(SosepDbContext db, ProcedureDefinition definition, long requestId, CancellationToken cancellationToken) =>
        definition.ReadsDocuments
            ? (await db.GeneratedDocuments.AsNoTracking().Where(d => d.RequestId == requestId).Select(d => d.Kind).Distinct().ToListAsync(cancellationToken)).ToHashSet()
            : new HashSet<Documents.DocumentKind>();

    public static async Task<Dictionary<long, string>> NamesAsync(SosepDbContext db, IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        var set = ids.Distinct().ToList();
        return await db.People.AsNoTracking().Where(p => set.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
    }

    /// <summary>
    /// Saves a comment or file and the request's UpdatedAt in one transaction, without touching the
    /// request's version: adding to a request never conflicts with somebody acting on it.
    /// </summary>
    public static async Task SaveTouchingAsync(SosepDbContext db, long requestId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            await db.InTransactionAsync(async ct =>
            {
                // The request row first: its lock orders concurrent writes on one request (on a server engine), so the
                // word index's "words it holds already" (RequestWordIndex) is read after the previous write committed.
                await db.Requests.Where(r => r.Id == requestId).ExecuteUpdateAsync(u => u.SetProperty(r => r.UpdatedAt, at), ct);
                await db.SaveChangesAsync(ct);
            }, cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public static string? Text(string? value, FieldName field, int max, bool required)
    {
        var trimmed = WithoutInvisible(value)?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return required ? throw new DomainException(ErrorKind.Invalid, ValidationTexts.Missing(field)) { Field = field.Key } : null;
        }

        return trimmed.Length > max
            ? throw new DomainException(ErrorKind.Invalid, ValidationTexts.TooLong(field, max)) { Field = field.Key }
            : trimmed;
    }

    /// <summary>The given equipment data, trimmed, with the current values kept where nothing was given.</summary>
    public static EquipmentData Merge(EquipmentData given, EquipmentData current) => new()
    {
        Kind = Pick(given.Kind, current.Kind),
        Brand = Pick(given.Brand, current.Brand),
        Model = Pick(given.Model, current.Model),
        Colour = Pick(given.Colour, current.Colour),
        SerialNumber = Pick(given.SerialNumber, current.SerialNumber),
        AssetNumber = Pick(given.AssetNumber, current.AssetNumber),
        Findings = Pick(given.Findings, current.Findings),
        Diagnosis = Pick(given.Diagnosis, current.Diagnosis),
    };

    private static string? Pick(string? given, string? current) => string.IsNullOrWhiteSpace(given) ? current : given.Trim();

    /// <summary>
    /// Without Unicode format characters: bidi overrides and isolates (U+202A–202E, U+2066–2069), zero-width spaces and
    /// joiners, the BOM. They change how a name or title reads without being seen («foto\u202Egnp.exe» shows as «fotoexe.png»).
    /// </summary>
    public static string? WithoutInvisible(string? value) =>
        value is null || value.AsSpan().IndexOfAny(Invisible) < 0
            ? value
            : new string(value.Where(c => !Invisible.Contains(c)).ToArray());

    /// <summary>Every character of the Unicode category Format (zero-width spaces and joiners, direction marks, BOM…), searched in one vectorised pass.</summary>
    private static readonly System.Buffers.SearchValues<char> Invisible = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format).ToArray());
}

/// <summary>A child request (a calendar's visit) as its parent's details show it.</summary>
internal sealed record ChildRef(string Number, string ProcedureCode, string State);
