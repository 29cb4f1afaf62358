using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SosepBot.Core.Notifications;
using SosepBot.Core.Persistence;
using SosepBot.Core.Scheduled;

namespace SosepBot.Jobs.Notices;

/// <summary>
/// Records a <see cref="JobNotice"/> and queues its outbox messages in one transaction. The notice's key is
/// unique, so whichever run (or instance) commits first sends it and every other run sends nothing.
/// People are reached on Teams first, then mail, through the registered <see cref="IRecipientReach"/>es.
/// </summary>
public sealed partial class NoticeWriter(
    SosepDbContext db,
    IEnumerable<IRecipientReach> reaches,
    TimeProvider time,
    ILogger<NoticeWriter> logger)
{
    private static readonly OutboxChannel[] Order = [OutboxChannel.Teams, OutboxChannel.Mail];
    private readonly Dictionary<OutboxChannel, IRecipientReach> _reaches = reaches.ToDictionary(r => r.Channel);
    private readonly Dictionary<(long, OutboxChannel), bool> _reachable = [];

    /// <summary>True when the notice was recorded already (nothing to do).</summary>
    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) =>
        db.JobNotices.AsNoTracking().AnyAsync(n => n.Key == key, cancellationToken);

    /// <summary>
    /// When the notice <paramref name="key"/>, or the latest of its explicit resends (<c>{key}:…</c>), was recorded;
    /// null when never.
    /// </summary>
    public async Task<DateTimeOffset?> LastRecordedAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.AsSpan().IndexOfAny("%_[") >= 0)
        {
            throw new ArgumentException("A notice key with LIKE wildcards cannot be searched for its resends.", nameof(key));
        }

        var resent = key + ":%";
        return await db.JobNotices.AsNoTracking().Where(n => n.Key == key || EF.Functions.Like(n.Key, resent))
            .OrderByDescending(n => n.CreatedAt).Select(n => (DateTimeOffset?)n.CreatedAt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>When the latest notice of <paramref name="kind"/> ("resumen-diario"…) was recorded; null when never.</summary>
    public Task<DateTimeOffset?> LastOfKindAsync(string kind, CancellationToken cancellationToken) =>
        db.JobNotices.AsNoTracking().Where(n => n.Kind == kind)
            .OrderByDescending(n => n.CreatedAt).Select(n => (DateTimeOffset?)n.CreatedAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Records the notice with its letters; false when another run recorded it first.</summary>
    public async Task<bool> WriteAsync(JobNotice notice, IReadOnlyCollection<Letter> letters, string? requestNumber, CancellationToken cancellationToken) =>
        await RecordAsync(notice, letters, requestNumber, cancellationToken) is not null;

    /// <summary>Records the notice with its letters and returns the messages queued; null when another run recorded it first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>?> RecordAsync(JobNotice notice, IReadOnlyCollection<Letter> letters, string? requestNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(letters);
        if (await ExistsAsync(notice.Key, cancellationToken))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var messages = new List<OutboxMessage>();
        foreach (var letter in letters)
        {
            var email = await db.People.AsNoTracking().Where(p => p.Id == letter.PersonId && p.IsActive)
                .Select(p => p.Email).FirstOrDefaultAsync(cancellationToken);
            var channels = email is null ? [] : await ChannelsAsync(letter, cancellationToken);
            if (channels.Count == 0)
            {
                LogUnreachable(logger, notice.Key, letter.PersonId);
            }

            foreach (var channel in channels)
            {
                messages.Add(new OutboxMessage
                {
                    Channel = channel,
                    DedupKey = $"{notice.Key}:{letter.PersonId.ToString(CultureInfo.InvariantCulture)}:{channel}",
                    Kind = notice.Kind,
                    RecipientId = letter.PersonId,
                    Recipient = channel == OutboxChannel.Mail ? email! : letter.PersonId.ToString(CultureInfo.InvariantCulture),
                    RequestId = notice.RequestId,
                    RequestNumber = requestNumber,
                    Subject = letter.Subject,
                    Text = letter.Text,
                    Html = channel == OutboxChannel.Mail ? letter.Html : null,
                    Payload = channel == OutboxChannel.Teams ? letter.Card : null,
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
            }
        }

        notice.Messages = messages.Count;
        notice.CreatedAt = now;
        try
        {
            await db.InTransactionAsync(async ct =>
            {
                db.JobNotices.Add(notice);
                db.OutboxMessages.AddRange(messages);
                await db.SaveChangesAsync(ct);
            }, cancellationToken);
            LogRecorded(logger, notice.Key, messages.Count);
            return messages;
        }
        catch (DbUpdateException)
        {
            // Another run or instance recorded the same notice (unique key) first: it sends, this one does not.
            return null;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<List<OutboxChannel>> ChannelsAsync(Letter letter, CancellationToken cancellationToken)
    {
        var found = new List<OutboxChannel>();
        foreach (var channel in Order)
        {
            if (await CanReachAsync(letter.PersonId, channel, cancellationToken))
            {
                found.Add(channel);
                if (!letter.EveryChannel)
                {
                    break;
                }
            }
        }

        return found;
    }

    private async Task<bool> CanReachAsync(long personId, OutboxChannel channel, CancellationToken cancellationToken)
    {
        if (!_reaches.TryGetValue(channel, out var reach))
        {
            return false;
        }

        if (!_reachable.TryGetValue((personId, channel), out var can))
        {
            can = await reach.CanReachAsync(personId, cancellationToken);
            _reachable[(personId, channel)] = can;
        }

        return can;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {Key}: person {PersonId} cannot be reached on any configured channel")]
    private static partial void LogUnreachable(ILogger logger, string key, long personId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notice {Key} recorded with {Messages} message(s)")]
    private static partial void LogRecorded(ILogger logger, string key, int messages);
}
