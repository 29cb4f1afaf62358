using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.Attachments;
using SosepBot.Core.Audit;
using SosepBot.Core.Errors;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;

namespace SosepBot.Core.Requests;

/// <summary>A request's files: stored after their checks, opened (personal data only for those <see cref="RequestVisibility"/> allows, every such download recorded).</summary>
public sealed partial class RequestFiles(
    SosepDbContext db,
    IAttachmentStore store,
    IOptions<AttachmentOptions> attachmentOptions,
    RequestVisibility visibility,
    RequestRecords records,
    TimeProvider time,
    ILogger<RequestFiles> logger)
{
    /// <summary>Stores a file with the request after checking its size, type and that its bytes match the type.</summary>
    public async Task<AttachmentView> AttachAsync(
        Actor actor, string number, AttachmentKind kind, string fileName, string contentType, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var request = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Number == RequestNumbers.Normalize(number), cancellationToken);
        var definition = await visibility.RequireAsync(request, actor, number, cancellationToken);
        if (definition.IsFinal(request!.State))
        {
            throw new DomainException(ErrorKind.InvalidState, RequestTexts.ConcludedNoFiles(request.Number, request.State));
        }

        if (!Enum.IsDefined(kind))
        {
            throw new DomainException(ErrorKind.Invalid, RequestTexts.UnknownAttachmentKind) { Field = "tipo" };
        }

        var name = SafeFileName(fileName);
        var type = (contentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
        var options = attachmentOptions.Value;
        if (!options.EffectiveContentTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            throw new DomainException(ErrorKind.Invalid,
                RequestTexts.FileTypeRefused(type)) { Field = "archivo" };
        }

        var stored = await store.SaveAsync(content, options.MaxBytes, cancellationToken);
        try
        {
            if (stored.Size == 0)
            {
                throw new DomainException(ErrorKind.Invalid, RequestTexts.EmptyFile) { Field = "archivo" };
            }

            if (!ContentSniffer.Agrees(type, stored.Head))
            {
                throw new DomainException(ErrorKind.Invalid, RequestTexts.ContentDisagrees(name, type)) { Field = "archivo" };
            }

            var attachment = new Attachment
            {
                RequestId = request.Id,
                Kind = kind,
                FileName = name,
                ContentType = type,
                Size = stored.Size,
                Sha256 = stored.Sha256,
                StorageKey = stored.Key,
                UploadedById = actor.PersonId,
                CreatedAt = time.GetUtcNow(),
            };
            db.Attachments.Add(attachment);
            db.AuditEntries.Add(records.Audit(actor, RequestRecords.RoleFor(request, actor), AuditKind.Attachment, request.Id, null, null, null, $"{kind.ToSpanish()}: {name}"));
            db.RequestEvents.Add(records.Event(request, "attachment", null, null, null, actor));
            await RequestRecords.SaveTouchingAsync(db, request.Id, attachment.CreatedAt, cancellationToken);
            return new AttachmentView(attachment.Id, kind, name, type, stored.Size, stored.Sha256, attachment.CreatedAt, actor.DisplayName);
        }
        catch
        {
            db.ChangeTracker.Clear();
            await store.DeleteAsync(stored.Key, CancellationToken.None);
            throw;
        }
    }

    /// <summary>How many files <see cref="AttachAllAsync"/> takes at once.</summary>
    public const int MaxFilesAtOnce = 5;

    /// <summary>
    /// Stores several files with the request, each checked as <see cref="AttachAsync"/> does, in one transaction: a
    /// refused file refuses them all (naming it) and none is kept.
    /// </summary>
    public async Task<IReadOnlyList<AttachmentView>> AttachAllAsync(
        Actor actor, string number, AttachmentKind kind, IReadOnlyList<FileUpload> uploads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        if (uploads.Count == 0)
        {
            throw new DomainException(ErrorKind.Invalid, RequestTexts.NoFilesChosen) { Field = "archivo" };
        }

        if (uploads.Count > MaxFilesAtOnce)
        {
            throw new DomainException(ErrorKind.Invalid, RequestTexts.TooManyFiles(MaxFilesAtOnce)) { Field = "archivo" };
        }

        var kept = new List<string>();
        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                kept.Clear();
                var views = new List<AttachmentView>(uploads.Count);
                foreach (var upload in uploads)
                {
                    try
                    {
                        await using var content = upload.Open();
                        var view = await AttachAsync(actor, number, kind, upload.FileName, upload.ContentType, content, ct);
                        views.Add(view);
                        // Its stored content, removed again if the transaction is rolled back.
                        kept.Add(await db.Attachments.AsNoTracking().Where(a => a.Id == view.Id).Select(a => a.StorageKey).FirstAsync(ct));
                    }
                    catch (DomainException e) when (uploads.Count > 1)
                    {
                        throw new DomainException(e.Kind, RequestTexts.FileInBatchRefused(upload.FileName, e.Message)) { Field = e.Field };
                    }
                }

                return views;
            }, cancellationToken);
        }
        catch
        {
            db.ChangeTracker.Clear();
            foreach (var key in kept)
            {
                await store.DeleteAsync(key, CancellationToken.None);
            }

            throw;
        }
    }

    /// <summary>Records in the request's history (shown to IT staff) that the actor downloaded a file carrying personal data.</summary>
    public async Task AuditDownloadAsync(Actor actor, string number, string file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var request = await db.Requests.AsNoTracking().FirstAsync(r => r.Number == RequestNumbers.Normalize(number), cancellationToken);
        await AuditDownloadAsync(actor, request, file, cancellationToken);
    }

    private async Task AuditDownloadAsync(Actor actor, Request request, string file, CancellationToken cancellationToken)
    {
        db.AuditEntries.Add(records.Audit(actor, RequestRecords.RoleFor(request, actor), AuditKind.Download, request.Id, null, null, null, file));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        LogDownload(logger, request.Number, actor.PersonId);
    }

    public async Task<(AttachmentView Attachment, Stream Content)> OpenAttachmentAsync(
        Actor actor, string number, long attachmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var request = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Number == RequestNumbers.Normalize(number), cancellationToken);
        var definition = await visibility.RequireAsync(request, actor, number, cancellationToken);
        var a = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == attachmentId && x.RequestId == request!.Id, cancellationToken)
            ?? throw new DomainException(ErrorKind.NotFound, RequestTexts.NoSuchAttachment(request!.Number, attachmentId));
        // Forms and DPI/NIT copies carry personal data: only the people the request names and those who act on its
        // procedure may have them, and every download of one is recorded.
        var personal = PersonalDataAccess.Carries(a.Kind);
        if (personal)
        {
            await visibility.RequirePersonalDataAsync(actor, request!, definition, cancellationToken);
        }

        var by = await db.People.AsNoTracking().Where(p => p.Id == a.UploadedById).Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken);
        var stream = await store.OpenAsync(a.StorageKey, cancellationToken);
        if (personal)
        {
            try
            {
                await AuditDownloadAsync(actor, request!, $"{a.Kind.ToSpanish()}: {a.FileName} (archivo {a.Id})", cancellationToken);
            }
            catch
            {
                await stream.DisposeAsync();
                throw;
            }
        }

        return (new AttachmentView(a.Id, a.Kind, a.FileName, a.ContentType, a.Size, a.Sha256, a.CreatedAt, by), stream);
    }

    private static string SafeFileName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/'));
        name = new string(RequestRecords.WithoutInvisible(name)!.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length == 0)
        {
            throw new DomainException(ErrorKind.Invalid, RequestTexts.MissingFileName) { Field = "archivo" };
        }

        return name.Length > 200 ? name[^200..] : name;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {Number}: a file with personal data downloaded by person {PersonId}")]
    private static partial void LogDownload(ILogger logger, string number, long personId);
}
