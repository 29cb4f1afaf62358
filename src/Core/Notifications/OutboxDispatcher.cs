using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.Errors;
using SosepBot.Core.Persistence;

namespace SosepBot.Core.Notifications;

/// <summary>
/// Delivers due outbox messages through their channel's <see cref="IOutboxSender"/>: claims each with a
/// lease (so several instances never send the same message at once), retries with exponential backoff
/// (honouring Retry-After), and dead-letters after <see cref="OutboxOptions.MaxAttempts"/>. Safe to run twice.
/// </summary>
public sealed partial class OutboxDispatcher(
    SosepDbContext db,
    IEnumerable<IOutboxSender> senders,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    private readonly Dictionary<OutboxChannel, IOutboxSender> _senders = senders.ToDictionary(s => s.Channel);

    /// <summary>Sends what is due now; returns how many were delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(o.BatchSize).ToListAsync(cancellationToken);
        var delivered = 0;
        foreach (var id in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var message = await ClaimAsync(id, o, cancellationToken);
            if (message is null)
            {
                continue;
            }

            var result = await SendAsync(message, o, cancellationToken);
            Record(message, result, o);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            delivered += result.Delivered ? 1 : 0;
        }

        return delivered;
    }

    /// <summary>The delay before attempt number <paramref name="attempts"/> + 1.</summary>
    public static TimeSpan Backoff(int attempts, OutboxOptions options, long id)
    {
        ArgumentNullException.ThrowIfNull(options);
        var exponent = Math.Min(Math.Max(attempts - 1, 0), 20);
        var delay = options.FirstDelay * Math.Pow(2, exponent);
        var jitter = 1 + (id % 10 / 100.0); // up to +9%, fixed per message so instances agree
        var withJitter = delay * jitter;
        return withJitter > options.MaxDelay ? options.MaxDelay : withJitter;
    }

    private async Task<OutboxMessage?> ClaimAsync(long id, OutboxOptions o, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null || message.Status != OutboxStatus.Pending || message.NextAttemptAt > now || message.LeaseUntil >= now)
        {
            db.ChangeTracker.Clear();
            return null;
        }

        // A lease that ran out unreleased is an instance that died while sending: the server may have taken the message
        // before it did (neither SMTP nor the connector can be asked), so that try counts as an attempt and is logged, and a
        // message that kills its sender every time is dead-lettered instead of looping. Each such death may cost the person
        // one repeated message (a mail repeats its Message-ID); nothing else sends one twice.
        var inDoubt = message.LeaseUntil is not null;
        var exhausted = false;
        if (inDoubt)
        {
            message.Attempts++;
            message.LastAttemptAt = message.LeaseUntil - o.Lease; // when the instance that died claimed it
            exhausted = message.Attempts >= o.MaxAttempts;
            message.LastError = exhausted ? NotificationTexts.SendKeptDying(message.Attempts) : NotificationTexts.SendInDoubt;
        }

        message.Status = exhausted ? OutboxStatus.DeadLettered : message.Status;
        message.LeaseUntil = exhausted ? null : now + o.Lease;
        message.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (inDoubt)
            {
                LogSendInDoubt(logger, message.Id, message.Channel, message.Attempts);
            }

            if (exhausted)
            {
                LogDeadLettered(logger, message.Id, message.Channel, message.Attempts);
                db.ChangeTracker.Clear();
                return null;
            }

            return message;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return null;
        }
    }

    /// <summary>
    /// Sends within <see cref="OutboxOptions.SendLimit"/> (on the service clock): a send still running then is abandoned as
    /// a transient failure before its lease ends, so no other instance sends the message while it may still go out.
    /// </summary>
    private async Task<SendResult> SendAsync(OutboxMessage message, OutboxOptions o, CancellationToken cancellationToken)
    {
        if (!_senders.TryGetValue(message.Channel, out var sender))
        {
            return SendResult.Failed($"El canal {message.Channel} no está configurado.");
        }

        using var limit = new CancellationTokenSource(o.SendLimit, time);
        using var send = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            return await sender.SendAsync(message, send.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogSendOutlived(logger, message.Id, message.Channel, o.SendLimit.TotalSeconds);
            return SendResult.Transient(NotificationTexts.SendOutlivedLease((int)o.SendLimit.TotalSeconds));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (NetworkFailure.IsExpected(e))
            {
                return SendResult.Transient(NetworkFailure.Cause(e)); // logged once, with the next attempt, in Record
            }

            LogSendFailed(logger, e, message.Id, message.Channel);
            return SendResult.Transient($"{e.GetType().Name}: {e.Message}");
        }
    }

    private void Record(OutboxMessage message, SendResult result, OutboxOptions o)
    {
        var now = time.GetUtcNow();
        message.Attempts++;
        message.LastAttemptAt = now;
        message.LeaseUntil = null;
        message.Version++;
        if (result.Delivered)
        {
            message.Status = OutboxStatus.Delivered;
            message.DeliveredAt = now;
            message.ProviderId = result.ProviderId ?? message.ProviderId;
            message.LastError = null;
            return;
        }

        message.LastError = result.Error is { Length: > 1000 } e ? e[..1000] : result.Error;
        if (result.Permanent || message.Attempts >= o.MaxAttempts)
        {
            message.Status = OutboxStatus.DeadLettered;
            LogDeadLettered(logger, message.Id, message.Channel, message.Attempts);
            return;
        }

        var wait = Backoff(message.Attempts, o, message.Id);
        if (result.RetryAfter is { } retryAfter && retryAfter > wait)
        {
            wait = retryAfter;
        }

        message.NextAttemptAt = now + wait;
        LogNotDelivered(logger, message.Id, message.Channel, message.Attempts, message.LastError ?? "?", wait.TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} ({Channel}) was still sending after {Seconds} s, its share of the lease; abandoned and retried later")]
    private static partial void LogSendOutlived(ILogger logger, long id, OutboxChannel channel, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} ({Channel}) was claimed by an instance that stopped before recording its send (attempt {Attempts}); it may already have gone out once")]
    private static partial void LogSendInDoubt(ILogger logger, long id, OutboxChannel channel, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} ({Channel}) failed to send")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, long id, OutboxChannel channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} ({Channel}) not delivered on attempt {Attempt}: {Cause}; next attempt in {Seconds} s")]
    private static partial void LogNotDelivered(ILogger logger, long id, OutboxChannel channel, int attempt, string cause, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} ({Channel}) dead-lettered after {Attempts} attempt(s)")]
    private static partial void LogDeadLettered(ILogger logger, long id, OutboxChannel channel, int attempts);
}
