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
/// People are reached on Teams first, then mail (<see cref="RecipientChannels"/>); a person no channel reaches
/// gets a message that waits for one.
/// </summary>
public sealed partial class NoticeWriter(
    SosepDbContext db,
    RecipientChannels channels,
    IGroupCommit groupCommit,
    TimeProvider time,
    ILogger<NoticeWriter> logger)
{
    /// <summary>How many notices <see cref="WriteManyAsync"/> records per transaction.</summary>
    public const int BatchSize = 100;

    private static readonly OutboxChannel[] Order = [OutboxChannel.Teams, OutboxChannel.Mail];

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
        await RecordAsync(notice, letters, [], requestNumber, cancellationToken) is not null;

    /// <summary>Records the notice with letters to people and to mailboxes; false when another run recorded it first.</summary>
    public async Task<bool> WriteAsync(
        JobNotice notice, IReadOnlyCollection<Letter> letters, IReadOnlyCollection<MailboxLetter> mailboxes, string? requestNumber, CancellationToken cancellationToken) =>
        await RecordAsync(notice, letters, mailboxes, requestNumber, cancellationToken) is not null;

    /// <summary>Records the notice with its letters and returns the messages queued; null when another run recorded it first.</summary>
    public Task<IReadOnlyList<OutboxMessage>?> RecordAsync(JobNotice notice, IReadOnlyCollection<Letter> letters, string? requestNumber, CancellationToken cancellationToken) =>
        RecordAsync(notice, letters, [], requestNumber, cancellationToken);

    /// <summary>
    /// Records the notice with its letters to people and to mailboxes that are no registered person (a unit's shared
    /// mailbox: by mail only — without a mail channel such a message fails visibly into the dead letters); returns the
    /// messages queued, or null when another run recorded it first.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>?> RecordAsync(
        JobNotice notice, IReadOnlyCollection<Letter> letters, IReadOnlyCollection<MailboxLetter> mailboxes, string? requestNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(letters);
        ArgumentNullException.ThrowIfNull(mailboxes);
        if (await ExistsAsync(notice.Key, cancellationToken))
        {
            return null;
        }

        var emails = await EmailsAsync(letters, cancellationToken);
        var messages = await MessagesAsync(new NoticeDraft(notice, letters, requestNumber, mailboxes), emails, cancellationToken);
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

    /// <summary>
    /// Records many notices (a scan's catch-up after downtime), <see cref="BatchSize"/> per transaction with their messages,
    /// instead of one transaction each; returns how many were recorded now. Those recorded already are skipped; when
    /// another run or instance records one of a batch meanwhile (its unique key), that batch is recorded notice by notice
    /// (<see cref="RecordAsync(JobNotice, IReadOnlyCollection{Letter}, IReadOnlyCollection{MailboxLetter}, string?, CancellationToken)"/>),
    /// so each notice is still recorded, and sent, exactly once.
    /// </summary>
    public async Task<int> WriteManyAsync(IReadOnlyList<NoticeDraft> drafts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var recorded = 0;
        foreach (var batch in drafts.DistinctBy(d => d.Notice.Key, StringComparer.Ordinal).Chunk(BatchSize))
        {
            recorded += await WriteBatchAsync(batch, cancellationToken);
        }

        return recorded;
    }

    private async Task<int> WriteBatchAsync(NoticeDraft[] batch, CancellationToken cancellationToken)
    {
        var keys = batch.Select(d => d.Notice.Key).ToList();
        var known = (await db.JobNotices.AsNoTracking().Where(n => keys.Contains(n.Key)).Select(n => n.Key).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var fresh = batch.Where(d => !known.Contains(d.Notice.Key)).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        var emails = await EmailsAsync(fresh.SelectMany(d => d.Letters), cancellationToken);
        var messages = new List<OutboxMessage>();
        foreach (var draft in fresh)
        {
            messages.AddRange(await MessagesAsync(draft, emails, cancellationToken));
        }

        try
        {
            // The provider's cheapest write of many rows, committed with whatever shares the group (SQLite's group commit).
            await groupCommit.CommitOnAsync(db, async (own, ct) =>
            {
                await own.InsertAsync(fresh.ConvertAll(d => d.Notice), ct);
                await own.InsertAsync(messages, ct);
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // One of them was recorded meanwhile (another run or instance): one by one, so that only that one is skipped.
            db.ChangeTracker.Clear();
            var recorded = 0;
            foreach (var draft in fresh)
            {
                draft.Notice.Id = 0;
                recorded += await RecordAsync(draft.Notice, draft.Letters, draft.Mailboxes, draft.RequestNumber, cancellationToken) is null ? 0 : 1;
            }

            return recorded;
        }

        LogBatch(logger, fresh.Count, messages.Count);
        return fresh.Count;
    }

    /// <summary>The e-mail of each active person the letters go to (one read).</summary>
    private async Task<Dictionary<long, string>> EmailsAsync(IEnumerable<Letter> letters, CancellationToken cancellationToken)
    {
        var people = letters.Select(l => l.PersonId).Distinct().ToList();
        return people.Count == 0 ? [] : await db.People.AsNoTracking().Where(p => people.Contains(p.Id) && p.IsActive)
            .ToDictionaryAsync(p => p.Id, p => p.Email, cancellationToken);
    }

    /// <summary>The outbox messages of a notice (its <see cref="JobNotice.Messages"/> and creation time set), not yet written.</summary>
    private async Task<List<OutboxMessage>> MessagesAsync(NoticeDraft draft, Dictionary<long, string> emails, CancellationToken cancellationToken)
    {
        var notice = draft.Notice;
        var messages = new List<OutboxMessage>();
        foreach (var letter in draft.Letters)
        {
            if (!emails.TryGetValue(letter.PersonId, out var email))
            {
                LogInactive(logger, notice.Key, letter.PersonId);
                continue;
            }

            var outgoing = new OutgoingLetter(letter.PersonId, email,
                c => $"{notice.Key}:{letter.PersonId.ToString(CultureInfo.InvariantCulture)}:{c}", notice.Kind,
                letter.Subject, letter.Text, notice.RequestId, draft.RequestNumber, letter.Html, letter.Card);
            var addressed = await channels.AddressAsync(outgoing, Order, letter.EveryChannel, cancellationToken);
            foreach (var m in addressed.Where(m => m.Status != OutboxStatus.AwaitingChannel))
            {
                m.Html = m.Channel == OutboxChannel.Mail ? m.Html : null;
                m.Payload = m.Channel == OutboxChannel.Teams ? m.Payload : null;
            }

            if (addressed[0].Status == OutboxStatus.AwaitingChannel)
            {
                LogAwaitingChannel(logger, notice.Key, letter.PersonId, addressed[0].LastError);
            }

            messages.AddRange(addressed);
        }

        foreach (var mailbox in draft.Mailboxes.DistinctBy(m => m.Address, StringComparer.OrdinalIgnoreCase))
        {
            var address = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(mailbox.Address.ToLowerInvariant())))[..16];
            var message = new OutgoingLetter(0, mailbox.Address, _ => $"{notice.Key}:buzon:{address}", notice.Kind, mailbox.Subject, mailbox.Text,
                notice.RequestId, draft.RequestNumber).Message(OutboxChannel.Mail, time.GetUtcNow());
            message.RecipientId = null;
            messages.Add(message);
        }

        notice.Messages = messages.Count;
        notice.CreatedAt = time.GetUtcNow();
        return messages;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {Key}: no channel reaches person {PersonId} yet; the message waits ({Reason})")]
    private static partial void LogAwaitingChannel(ILogger logger, string key, long personId, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notice {Key}: person {PersonId} is not an active person; nothing queued for them")]
    private static partial void LogInactive(ILogger logger, string key, long personId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notice {Key} recorded with {Messages} message(s)")]
    private static partial void LogRecorded(ILogger logger, string key, int messages);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Notices} notices recorded together with {Messages} message(s)")]
    private static partial void LogBatch(ILogger logger, int notices, int messages);
}
