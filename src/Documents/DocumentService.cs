using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.Attachments;
using SosepBot.Core.Audit;
using SosepBot.Core.Documents;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.Scheduling;
using SosepBot.Documents.Excel;
using SosepBot.Documents.Imaging;
using SosepBot.Documents.Model;
using SosepBot.Documents.Pdf;

namespace SosepBot.Documents;

/// <summary>
/// Makes the manual's paperwork from a request and stores every version as an attachment of the request.
/// Who may see a request is decided by <see cref="RequestQueries.GetAsync"/>: a request the actor does not take
/// part in is "not found" here too.
/// </summary>
public sealed partial class DocumentService(
    SosepDbContext db,
    RequestQueries queries,
    RequestFiles files,
    ProcedureCatalog catalog,
    BusinessCalendar calendar,
    IAttachmentStore store,
    IOptions<DocumentOptions> options,
    TimeProvider time,
    ILogger<DocumentService> logger) : IDocumentService
{
    // DS-UI-05 and DS-UI-03 visit states as the catalog names them (src/Core/Procedures/Catalog).
    private const string EnElaboracion = "En elaboración";
    private const string EnRevision = "En revisión";
    private static readonly string[] DictamenTooEarly = ["Solicitado", "Asignado", "Revisión del equipo"];
    private static readonly string[] VisitDone = ["Realizada", "Conformidad firmada", "Archivada"];
    private const string VisitNotDone = "No realizada";

    public async Task<GeneratedDocumentView> GenerateAsync(Actor actor, string number, DocumentKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var details = await queries.GetAsync(actor, number, cancellationToken);
        CheckKind(kind);
        var request = await db.Requests.AsNoTracking().Include(r => r.Requester).Include(r => r.Assignee).Include(r => r.Attachments)
            .AsSplitQuery().FirstAsync(r => r.Number == details.Summary.Number, cancellationToken);
        var frozen = CheckApplies(request, kind, details);
        var latest = await LatestAsync(request.Id, kind, null, cancellationToken);
        if (frozen && latest is not null)
        {
            return await ViewAsync(request.Number, latest, cancellationToken);
        }

        var source = await SourceAsync(request, kind, cancellationToken);
        if (latest is not null && latest.Fingerprint == source.Fingerprint)
        {
            return await ViewAsync(request.Number, latest, cancellationToken);
        }

        // The dictamen's Excel and PDF are one document in two formats: they share one version number, and the second
        // format made from the same data takes the first one's number.
        var newest = await db.GeneratedDocuments.AsNoTracking()
            .Where(d => d.RequestId == request.Id && (d.Kind == kind || (IsDictamen(kind) && (d.Kind == DocumentKind.DictamenExcel || d.Kind == DocumentKind.DictamenPdf))))
            .OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow();
        var version = newest is not null && newest.Kind != kind && newest.Fingerprint == source.Fingerprint ? newest.Version : (newest?.Version ?? 0) + 1;
        var stamp = new DocumentStamp(request.Number, Local(now), version);
        var started = time.GetTimestamp();
        var bytes = await Task.Run(() => source.Render(stamp, now), cancellationToken);
        var fileName = $"{request.Number}-{FileStem(kind, request)}-v{version}{kind.Extension()}";
        var stored = await store.SaveAsync(new MemoryStream(bytes, writable: false), long.MaxValue, cancellationToken);
        try
        {
            var document = await db.InTransactionAsync(async ct =>
            {
                var attachment = new Attachment
                {
                    RequestId = request.Id,
                    Kind = kind.AttachmentKind(),
                    FileName = fileName,
                    ContentType = kind.ContentType(),
                    Size = stored.Size,
                    Sha256 = stored.Sha256,
                    StorageKey = stored.Key,
                    UploadedById = actor.PersonId,
                    CreatedAt = now,
                };
                db.Attachments.Add(attachment);
                await db.SaveChangesAsync(ct);
                var generated = new GeneratedDocument
                {
                    RequestId = request.Id,
                    Kind = kind,
                    Version = version,
                    AttachmentId = attachment.Id,
                    Fingerprint = source.Fingerprint,
                    GeneratedById = actor.PersonId,
                    CreatedAt = now,
                };
                db.GeneratedDocuments.Add(generated);
                db.AuditEntries.Add(new AuditEntry
                {
                    RequestId = request.Id,
                    At = now,
                    ActorId = actor.PersonId,
                    ActorName = actor.DisplayName,
                    Role = request.RequesterId == actor.PersonId ? RoleNames.Requester
                        : actor.Roles.Count == 0 ? "Usuario" : actor.Roles.Order().First().ToSpanish(),
                    Channel = actor.Channel,
                    Kind = AuditKind.Attachment,
                    Detail = $"{kind.ToSpanish()}, versión {version}: {fileName}",
                });
                await db.SaveChangesAsync(ct);
                return generated;
            }, cancellationToken);
            LogGenerated(logger, request.Number, kind, version, bytes.Length, time.GetElapsedTime(started).TotalMilliseconds);
            return await ViewAsync(request.Number, document, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Somebody made the same version at the same moment: keep theirs.
            db.ChangeTracker.Clear();
            await store.DeleteAsync(stored.Key, CancellationToken.None);
            var theirs = await LatestAsync(request.Id, kind, null, cancellationToken);
            if (theirs is not null && theirs.Fingerprint == source.Fingerprint)
            {
                return await ViewAsync(request.Number, theirs, cancellationToken);
            }

            throw new DomainException(ErrorKind.Conflict,
                DocumentTexts.GeneratedMeanwhile(kind.ToSpanish(), request.Number));
        }
        catch
        {
            db.ChangeTracker.Clear();
            await store.DeleteAsync(stored.Key, CancellationToken.None);
            throw;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public async Task<IReadOnlyList<GeneratedDocumentView>> ListAsync(Actor actor, string number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var details = await queries.GetAsync(actor, number, cancellationToken);
        var id = await db.Requests.Where(r => r.Number == details.Summary.Number).Select(r => r.Id).FirstAsync(cancellationToken);
        return await VersionsAsync(id, details, cancellationToken);
    }

    public async Task<IReadOnlyList<DocumentKind>> AvailableAsync(Actor actor, string number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var details = await queries.GetAsync(actor, number, cancellationToken);
        var request = await db.Requests.AsNoTracking().FirstAsync(r => r.Number == details.Summary.Number, cancellationToken);
        return Available(request, details);
    }

    public async Task<RequestDocuments> OfRequestAsync(RequestDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        var request = await db.Requests.AsNoTracking().FirstAsync(r => r.Number == details.Summary.Number, cancellationToken);
        return new RequestDocuments(await VersionsAsync(request.Id, details, cancellationToken), Available(request, details));
    }

    /// <summary>The request's stored versions, oldest first; the form's only to those who may see its data.</summary>
    private async Task<IReadOnlyList<GeneratedDocumentView>> VersionsAsync(long requestId, RequestDetails details, CancellationToken cancellationToken)
    {
        var documents = await db.GeneratedDocuments.AsNoTracking().Where(d => d.RequestId == requestId)
            .OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var views = new List<GeneratedDocumentView>(documents.Count);
        foreach (var d in documents.Where(d => d.Kind != DocumentKind.Formulario || details.Form is not null))
        {
            views.Add(await ViewAsync(details.Summary.Number, d, cancellationToken));
        }

        return views;
    }

    private List<DocumentKind> Available(Request request, RequestDetails details) =>
        Enum.GetValues<DocumentKind>().Where(kind => RefusalOf(request, kind, details) is null).ToList();

    public async Task<(GeneratedDocumentView Document, Stream Content)> OpenAsync(
        Actor actor, string number, DocumentKind kind, int? version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var details = await queries.GetAsync(actor, number, cancellationToken);
        CheckKind(kind);
        if (kind == DocumentKind.Formulario && details.Form is null)
        {
            throw PersonalData();
        }

        var id = await db.Requests.Where(r => r.Number == details.Summary.Number).Select(r => r.Id).FirstAsync(cancellationToken);
        var document = await LatestAsync(id, kind, version, cancellationToken) ?? throw new DomainException(ErrorKind.NotFound,
            version is null
                ? DocumentTexts.NotYet(details.Summary.Number, kind.ToSpanish())
                : DocumentTexts.NoSuchVersion(details.Summary.Number, version.Value, kind.ToSpanish()));
        var view = await ViewAsync(details.Summary.Number, document, cancellationToken);
        var key = await db.Attachments.Where(a => a.Id == document.AttachmentId).Select(a => a.StorageKey).FirstAsync(cancellationToken);
        var content = await store.OpenAsync(key, cancellationToken);
        if (PersonalDataAccess.Carries(kind.AttachmentKind()))
        {
            try
            {
                await files.AuditDownloadAsync(actor, details.Summary.Number,
                    $"{kind.ToSpanish()}, versión {document.Version}: {view.Attachment.FileName} (archivo {view.Attachment.Id})", cancellationToken);
            }
            catch
            {
                await content.DisposeAsync();
                throw;
            }
        }

        return (view, content);
    }

    public async Task<ExportedFile> ExportAsync(Actor actor, RequestFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        if (!RequestQuery.MayExport(actor))
        {
            throw new DomainException(ErrorKind.Forbidden, DocumentTexts.OnlyExports(Role.ItDirector.ToSpanish(), Role.Administrator.ToSpanish()));
        }

        var max = options.Value.MaxExportRows;
        var summaries = new List<RequestSummary>();
        while (summaries.Count < max)
        {
            var page = await queries.ListAsync(actor, filter with { Skip = summaries.Count, Take = 200 }, cancellationToken);
            summaries.AddRange(page.Take(max - summaries.Count));
            if (page.Count < 200)
            {
                break;
            }
        }

        var numbers = summaries.Select(s => s.Number).ToList();
        var ids = await db.Requests.AsNoTracking().Where(r => numbers.Contains(r.Number))
            .Select(r => new { r.Id, r.Number, r.ClosedAt }).ToDictionaryAsync(r => r.Number, cancellationToken);
        var idList = ids.Values.Select(r => r.Id).ToList();
        var history = (await db.AuditEntries.AsNoTracking()
                .Where(a => idList.Contains(a.RequestId) && (a.Kind == AuditKind.Created || a.Kind == AuditKind.Transition))
                .Select(a => new { a.Id, a.RequestId, a.At, a.FromState, a.ToState })
                .ToListAsync(cancellationToken))
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .ToLookup(a => a.RequestId);
        var now = time.GetUtcNow();
        var rows = summaries.Select(s =>
        {
            var definition = catalog.Get(s.ProcedureCode);
            var steps = history[ids[s.Number].Id].Where(h => h.ToState is not null && h.ToState != h.FromState).ToList();
            var spans = new List<StateSpan>();
            for (var i = 0; i < steps.Count; i++)
            {
                var state = steps[i].ToState!;
                if (definition.IsFinal(state))
                {
                    continue;
                }

                var left = i + 1 < steps.Count ? steps[i + 1].At : (DateTimeOffset?)null;
                var end = left ?? now;
                spans.Add(new StateSpan(state, Local(steps[i].At), left is { } l ? Local(l) : null,
                    calendar.BusinessTimeBetween(steps[i].At, end).TotalHours, (end - steps[i].At).TotalHours));
            }

            return new ExportRow(s.ProcedureCode, s.ProcedureName, s.Number, s.Title, s.Requester.Name, s.State, s.Assignee?.Name,
                Local(s.CreatedAt), Local(s.UpdatedAt), ids[s.Number].ClosedAt is { } closed ? Local(closed) : null, s.DueAt is { } due ? Local(due) : null,
                s.IsOverdue, spans);
        }).ToList();

        var local = Local(now);
        var bytes = RequestExportWorkbook.Render(rows, Describe(filter, summaries.Count >= max), local);
        LogExported(logger, rows.Count);
        return new ExportedFile($"solicitudes-{local:yyyyMMdd-HHmm}.xlsx", DocumentKinds.ExcelType, bytes, rows.Count);
    }

    /// <summary>Refuses documents that do not apply to the request; true when the request is past the point where the document may change.</summary>
    private bool CheckApplies(Request request, DocumentKind kind, RequestDetails details)
    {
        if (RefusalOf(request, kind, details) is { } refusal)
        {
            throw refusal;
        }

        var definition = catalog.Get(request.ProcedureCode);
        return IsDictamen(kind) ? request.State is not (EnElaboracion or EnRevision) : definition.IsFinal(request.State);
    }

    /// <summary>Why the document cannot be made for the request now (for the person <paramref name="details"/> was read for), or null.</summary>
    private DomainException? RefusalOf(Request request, DocumentKind kind, RequestDetails details)
    {
        var definition = catalog.Get(request.ProcedureCode);
        switch (kind)
        {
            case DocumentKind.DictamenExcel or DocumentKind.DictamenPdf:
                if (request.ProcedureCode != ProcedureCodes.DictamenTecnico)
                {
                    return new DomainException(ErrorKind.Invalid,
                        DocumentTexts.DictamenWrongProcedure(request.Number, definition.Name, ProcedureCodes.DictamenTecnico));
                }

                return DictamenTooEarly.Contains(request.State)
                    ? new DomainException(ErrorKind.InvalidState, DocumentTexts.DictamenTooEarly(request.Number, request.State))
                    : null;
            case DocumentKind.Formulario:
                if (string.IsNullOrEmpty(request.Form.FormCode))
                {
                    return new DomainException(ErrorKind.Invalid,
                        DocumentTexts.NoAccountForm(request.Number, definition.Name));
                }

                return details.Form is null ? PersonalData() : null;
            default:
                if (request.ProcedureCode != ProcedureCodes.VisitaMantenimiento)
                {
                    return new DomainException(ErrorKind.Invalid,
                        DocumentTexts.ConformityWrongProcedure(request.Number, definition.Name));
                }

                return request.State == VisitNotDone
                    ? new DomainException(ErrorKind.InvalidState, DocumentTexts.VisitNotDone(request.Number))
                    : null;
        }
    }

    /// <summary>The data a document is made from, its fingerprint and how to render it.</summary>
    private async Task<DocumentSource> SourceAsync(Request request, DocumentKind kind, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case DocumentKind.DictamenExcel or DocumentKind.DictamenPdf:
                var photos = new List<Photo>();
                foreach (var a in request.Attachments.Where(a => a.Kind == AttachmentKind.Fotografia).OrderBy(a => a.Id).Take(options.Value.MaxPhotos))
                {
                    await using var content = await store.OpenAsync(a.StorageKey, cancellationToken);
                    using var buffer = new MemoryStream((int)Math.Min(a.Size, int.MaxValue));
                    await content.CopyToAsync(buffer, cancellationToken);
                    var data = buffer.ToArray();
                    photos.Add(new Photo(a.FileName, data, ImageProbe.Probe(data)));
                }

                var director = await DirectorNameAsync(cancellationToken);
                var e = request.Equipment;
                var key = Fingerprint(DocumentKind.DictamenExcel, request.Title, request.Requester?.DisplayName, request.Requester?.Unit, e.Kind, e.Brand, e.Model, e.Colour,
                    e.SerialNumber, e.AssetNumber, e.Findings, e.Diagnosis, request.Assignee?.DisplayName, director,
                    string.Join(",", request.Attachments.Where(a => a.Kind == AttachmentKind.Fotografia).OrderBy(a => a.Id)
                        .Take(options.Value.MaxPhotos).Select(a => a.Sha256 + ":" + a.FileName)));
                return new DocumentSource(key, (stamp, now) =>
                {
                    var data = new DictamenData(stamp, request.Title, request.Description, request.Requester?.DisplayName ?? "?",
                        request.Requester?.Unit, e, request.Assignee?.DisplayName, director, photos);
                    return kind == DocumentKind.DictamenExcel ? DictamenWorkbook.Render(data) : DictamenPdf.Render(data, now);
                });
            case DocumentKind.Formulario:
                var f = request.Form;
                var formKey = Fingerprint(kind, JsonSerializer.Serialize(f), request.Description, request.Requester?.DisplayName);
                return new DocumentSource(formKey, (stamp, now) => FormPdf.Render(
                    new FormDocumentData(stamp, Local(request.CreatedAt), request.ProcedureCode, request.Description, request.Requester?.DisplayName ?? "?", f), now));
            default:
                var calendarNumber = request.ParentId is { } parentId
                    ? await db.Requests.Where(r => r.Id == parentId).Select(r => r.Number).FirstOrDefaultAsync(cancellationToken)
                    : null;
                var done = VisitDone.Contains(request.State);
                var equipment = request.Equipment is { Brand: not null } or { SerialNumber: not null } or { AssetNumber: not null } or { Kind: not null }
                    ? request.Equipment
                    : null;
                var head = request.UnitId is { } unitId
                    ? await (from u in db.Units where u.Id == unitId join p in db.People on u.HeadId equals p.Id select p.DisplayName).FirstOrDefaultAsync(cancellationToken)
                    : null;
                // The realization as the technician recorded it (registrar-realizacion): when, and the observations given with it.
                var realized = done
                    ? await db.AuditEntries.AsNoTracking().Where(a => a.RequestId == request.Id && a.Action == "registrar-realizacion")
                        .OrderByDescending(a => a.Id).Select(a => new { a.At, a.Detail }).FirstOrDefaultAsync(cancellationToken)
                    : null;
                var realizedAt = realized is null ? (DateTime?)null : Local(realized.At);
                var visitKey = Fingerprint(kind, request.Unit, head, request.ScheduledFor?.ToString("O"), request.Assignee?.DisplayName, calendarNumber,
                    done.ToString(), realizedAt?.ToString("O"), realized?.Detail, equipment is null ? null : JsonSerializer.Serialize(equipment));
                return new DocumentSource(visitKey, (stamp, now) => ConformityPdf.Render(
                    new ConformityData(stamp, calendarNumber, request.Unit, head, request.ScheduledFor is { } at ? Local(at) : null,
                        request.Assignee?.DisplayName, done, realizedAt, realized?.Detail, equipment), now));
        }
    }

    private async Task<string?> DirectorNameAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.ItDirectorName))
        {
            return options.Value.ItDirectorName.Trim();
        }

        var directors = await db.People.AsNoTracking().Where(p => p.IsActive && p.Roles.Any(r => r.Role == Role.ItDirector))
            .Select(p => p.DisplayName).Take(2).ToListAsync(cancellationToken);
        return directors.Count == 1 ? directors[0] : null;
    }

    private async Task<GeneratedDocument?> LatestAsync(long requestId, DocumentKind kind, int? version, CancellationToken cancellationToken) =>
        await db.GeneratedDocuments.AsNoTracking()
            .Where(d => d.RequestId == requestId && d.Kind == kind && (version == null || d.Version == version))
            .OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);

    private async Task<GeneratedDocumentView> ViewAsync(string number, GeneratedDocument d, CancellationToken cancellationToken)
    {
        var a = await db.Attachments.AsNoTracking().FirstAsync(x => x.Id == d.AttachmentId, cancellationToken);
        var by = await db.People.AsNoTracking().Where(p => p.Id == d.GeneratedById).Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken);
        return new GeneratedDocumentView(number, d.Kind, d.Kind.ToSpanish(), d.Version,
            new AttachmentView(a.Id, a.Kind, a.FileName, a.ContentType, a.Size, a.Sha256, a.CreatedAt, by), by ?? "?");
    }

    private DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, calendar.TimeZone).DateTime;

    private static bool IsDictamen(DocumentKind kind) => kind is DocumentKind.DictamenExcel or DocumentKind.DictamenPdf;

    private static void CheckKind(DocumentKind kind)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException(ErrorKind.NotFound, DocumentTexts.NoSuchDocument) { Field = "documento" };
        }
    }

    private static string FileStem(DocumentKind kind, Request request) => kind switch
    {
        DocumentKind.DictamenExcel or DocumentKind.DictamenPdf => "dictamen",
        DocumentKind.Formulario => request.Form.FormCode!,
        _ => "conformidad-mantenimiento",
    };

    private static DomainException PersonalData() => PersonalDataAccess.Refusal();

    private static string Fingerprint(DocumentKind kind, params string?[] parts)
    {
        var text = kind + "\u001f" + string.Join("\u001f", parts.Select(p => p ?? "\u0000"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static List<string> Describe(RequestFilter filter, bool truncated)
    {
        var lines = new List<string>();
        void Add(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                lines.Add($"{label}: {value.Trim()}");
            }
        }

        Add("Procedimiento", filter.ProcedureCode);
        Add("Estado", filter.State);
        Add("Solicitante", filter.RequesterEmail);
        Add("Asignado a", filter.AssigneeEmail);
        Add("Unidad (número de registro)", filter.UnitId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("Abiertas desde", filter.CreatedFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("Abiertas hasta", filter.CreatedTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("Búsqueda", filter.Search);
        if (filter.OpenOnly)
        {
            lines.Add("Solo solicitudes abiertas");
        }

        if (filter.OverdueOnly)
        {
            lines.Add("Solo solicitudes vencidas");
        }

        if (lines.Count == 0)
        {
            lines.Add("Todas las solicitudes");
        }

        if (truncated)
        {
            lines.Add("El listado se cortó en el máximo de filas configurado (Documents:MaxExportRows).");
        }

        return lines;
    }

    private sealed record DocumentSource(string Fingerprint, Func<DocumentStamp, DateTimeOffset, byte[]> Render);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {Number}: {Kind} version {Version} generated ({Bytes} bytes, {Milliseconds:0} ms)")]
    private static partial void LogGenerated(ILogger logger, string number, DocumentKind kind, int version, int bytes, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Export of {Rows} requests")]
    private static partial void LogExported(ILogger logger, int rows);
}
