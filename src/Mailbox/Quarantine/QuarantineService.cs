using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SosepBot.Core.Errors;
using SosepBot.Core.Mail;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Mailbox.Ingestion;

namespace SosepBot.Mailbox.Quarantine;

/// <summary>IT staff see held mail with its reason, and release it (processed as a normal mail) or discard it.</summary>
public sealed partial class QuarantineService(SosepDbContext db, MailIngestor ingestor, TimeProvider time, ILogger<QuarantineService> logger)
{
    public async Task<IReadOnlyList<QuarantineView>> ListAsync(Actor actor, QuarantineStatus? status, CancellationToken cancellationToken)
    {
        EnsureStaff(actor);
        var query = db.QuarantinedMails.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(q => q.Status == s);
        }

        var rows = await query.OrderByDescending(q => q.Id).Take(500)
            .Select(q => new { q.Id, q.Reason, q.FromAddress, q.Subject, q.Status, q.ReceivedAt, q.DecidedAt, q.RequestNumber })
            .ToListAsync(cancellationToken);
        return rows.Select(q => new QuarantineView(q.Id, q.Reason, ReasonText(q.Reason), q.FromAddress, q.Subject, q.Status, q.ReceivedAt, q.DecidedAt, q.RequestNumber)).ToList();
    }

    /// <summary>Processes the held mail as if its sender were allowed (registering them as a plain user when unknown).</summary>
    public async Task<QuarantineView> ReleaseAsync(Actor actor, long id, CancellationToken cancellationToken)
    {
        EnsureStaff(actor);
        var held = await HeldAsync(id, cancellationToken);
        var record = await db.MailRecords.AsNoTracking().FirstAsync(r => r.Id == held.MailRecordId, cancellationToken);
        db.ChangeTracker.Clear();
        var result = await ingestor.ReleaseAsync(record, held.Raw, async (outcome, ct) =>
        {
            var changed = await db.QuarantinedMails.Where(q => q.Id == id && q.Status == QuarantineStatus.Held && q.Version == held.Version)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(q => q.Status, QuarantineStatus.Released)
                    .SetProperty(q => q.DecidedById, actor.PersonId)
                    .SetProperty(q => q.DecidedAt, time.GetUtcNow())
                    .SetProperty(q => q.RequestNumber, outcome.RequestNumber)
                    .SetProperty(q => q.Version, held.Version + 1), ct);
            if (changed == 0)
            {
                throw Decided(id);
            }
        }, cancellationToken);
        LogDecided(logger, id, "released", actor.PersonId);
        Ingestion.MailOutcomeLog.Log(logger, record.Mailbox, record.ExternalId, result);
        return View(held, QuarantineStatus.Released, result.RequestNumber);
    }

    public async Task<QuarantineView> DiscardAsync(Actor actor, long id, CancellationToken cancellationToken)
    {
        EnsureStaff(actor);
        var held = await HeldAsync(id, cancellationToken);
        var changed = await db.QuarantinedMails.Where(q => q.Id == id && q.Status == QuarantineStatus.Held && q.Version == held.Version)
            .ExecuteUpdateAsync(s => s
                .SetProperty(q => q.Status, QuarantineStatus.Discarded)
                .SetProperty(q => q.DecidedById, actor.PersonId)
                .SetProperty(q => q.DecidedAt, time.GetUtcNow())
                .SetProperty(q => q.Raw, Array.Empty<byte>())
                .SetProperty(q => q.Version, held.Version + 1), cancellationToken);
        if (changed == 0)
        {
            throw Decided(id);
        }

        LogDecided(logger, id, "discarded", actor.PersonId);
        return View(held, QuarantineStatus.Discarded, null);
    }

    public static string ReasonText(string reason) => reason switch
    {
        "domain" => "El remitente no pertenece a un dominio autorizado.",
        "spf" => "El servidor de correo indicó que el remitente no superó la verificación SPF.",
        "dkim" => "El servidor de correo indicó que la firma DKIM del mensaje no es válida.",
        "dmarc" => "El servidor de correo indicó que el mensaje no cumple la política DMARC del remitente.",
        _ => reason,
    };

    private static void EnsureStaff(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureItStaff("revisa el correo en cuarentena");
    }

    private async Task<QuarantinedMail> HeldAsync(long id, CancellationToken cancellationToken)
    {
        var held = await db.QuarantinedMails.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, cancellationToken)
            ?? throw new DomainException(ErrorKind.NotFound, MailTexts.NoSuchQuarantinedMail(id));
        return held.Status == QuarantineStatus.Held ? held : throw Decided(id);
    }

    private static DomainException Decided(long id) =>
        new(ErrorKind.InvalidState, MailTexts.AlreadyDecided(id));

    private QuarantineView View(QuarantinedMail q, QuarantineStatus status, string? number) =>
        new(q.Id, q.Reason, ReasonText(q.Reason), q.FromAddress, q.Subject, status, q.ReceivedAt, time.GetUtcNow(), number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Quarantined mail {Id} {Decision} by person {PersonId}")]
    private static partial void LogDecided(ILogger logger, long id, string decision, long personId);
}
