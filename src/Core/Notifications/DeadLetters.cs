using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SosepBot.Core.Errors;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;

namespace SosepBot.Core.Notifications;

/// <summary>
/// The outbox's dead letters for IT staff: what could not be delivered, to whom, why and when; and a retry once the
/// cause is fixed (a mailbox back up, a person's address corrected) — the message goes back to the queue with a
/// fresh count of attempts and keeps its dedup key and Message-ID, so it is still sent once and still threads.
/// </summary>
public sealed partial class DeadLetters(SosepDbContext db, TimeProvider time, ILogger<DeadLetters> logger)
{
    private const int MaxListed = 500;

    /// <summary>What IT staff see of a message: one projection, translated to SQL for the list and run in memory for a retry.</summary>
    private static readonly System.Linq.Expressions.Expression<Func<OutboxMessage, DeadLetterView>> AsView =
        m => new DeadLetterView(m.Id, m.Channel, m.Kind, m.Recipient, m.RequestNumber, m.Subject, m.Attempts, m.LastError, m.CreatedAt, m.LastAttemptAt);

    private static readonly Func<OutboxMessage, DeadLetterView> ViewOf = AsView.Compile();

    public Task<IReadOnlyList<DeadLetterView>> ListAsync(Actor actor, CancellationToken cancellationToken) =>
        ListAsync(actor, OutboxStatus.DeadLettered, cancellationToken);

    /// <summary>Notices no channel reaches yet, with the reason («sin canal: Teams no instalado; sin correo registrado»).</summary>
    public Task<IReadOnlyList<DeadLetterView>> AwaitingChannelAsync(Actor actor, CancellationToken cancellationToken) =>
        ListAsync(actor, OutboxStatus.AwaitingChannel, cancellationToken);

    private async Task<IReadOnlyList<DeadLetterView>> ListAsync(Actor actor, OutboxStatus status, CancellationToken cancellationToken)
    {
        EnsureStaff(actor);
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Status == status)
            .OrderByDescending(m => m.Id).Take(MaxListed)
            .Select(AsView)
            .ToListAsync(cancellationToken);
    }

    public async Task<DeadLetterView> RetryAsync(Actor actor, long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var message = await DecideAsync(actor, id, OutboxStatus.Pending, now, NotificationTexts.RetriedMeanwhile(id), cancellationToken);
        LogRetried(logger, id, actor.PersonId);
        return ViewOf(message) with { Attempts = 0 };
    }

    /// <summary>Gives up on a dead letter for good (the cause will not be fixed, or it no longer matters); it stays recorded.</summary>
    public async Task<DeadLetterView> DiscardAsync(Actor actor, long id, CancellationToken cancellationToken)
    {
        var message = await DecideAsync(actor, id, OutboxStatus.Discarded, null, NotificationTexts.DecidedMeanwhile(id), cancellationToken);
        LogDiscarded(logger, id, actor.PersonId);
        return ViewOf(message);
    }

    /// <summary>Moves a dead letter to <paramref name="status"/> (back to the queue at <paramref name="retryAt"/> with a fresh count, or out of it), refusing a concurrent decision.</summary>
    private async Task<OutboxMessage> DecideAsync(Actor actor, long id, OutboxStatus status, DateTimeOffset? retryAt, string meanwhile, CancellationToken cancellationToken)
    {
        EnsureStaff(actor);
        var message = await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new DomainException(ErrorKind.NotFound, NotificationTexts.NoSuchMessage(id));
        if (message.Status != OutboxStatus.DeadLettered)
        {
            throw new DomainException(ErrorKind.InvalidState, NotificationTexts.NotDeadLettered(id, StatusText(message.Status)));
        }

        var changed = await db.OutboxMessages.Where(m => m.Id == id && m.Status == OutboxStatus.DeadLettered && m.Version == message.Version)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.Attempts, m => retryAt == null ? m.Attempts : 0)
                .SetProperty(m => m.NextAttemptAt, m => retryAt ?? m.NextAttemptAt)
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.Version, message.Version + 1), cancellationToken);
        if (changed == 0)
        {
            throw new DomainException(ErrorKind.Conflict, meanwhile);
        }

        return message;
    }

    private static string StatusText(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => "pendiente de envío",
        OutboxStatus.Delivered => "entregado",
        OutboxStatus.AwaitingChannel => "esperando un canal que alcance a la persona",
        OutboxStatus.Discarded => "descartado",
        _ => status.ToString(),
    };

    private static void EnsureStaff(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureItStaff("revisa los mensajes no entregados");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dead letter {Id} discarded by person {PersonId}")]
    private static partial void LogDiscarded(ILogger logger, long id, long personId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dead letter {Id} put back in the outbox by person {PersonId}")]
    private static partial void LogRetried(ILogger logger, long id, long personId);
}
