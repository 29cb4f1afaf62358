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
    TimeProvider time,
    ILogger<NoticeWriter> logger)
{
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

        var messages = new List<OutboxMessage>();
        foreach (var letter in letters)
        {
            var email = await db.People.AsNoTracking().Where(p => p.Id == letter.PersonId && p.IsActive)
                .Select(p => p.Email).FirstOrDefaultAsync(cancellationToken);
            if (email is null)
            {
                LogInactive(logger, notice.Key, letter.PersonId);
                continue;
            }

            var outgoing = new OutgoingLetter(letter.PersonId, email,
                c => $"{notice.Key}:{letter.PersonId.ToString(CultureInfo.InvariantCulture)}:{c}", notice.Kind,
                letter.Subject, letter.Text, notice.RequestId, requestNumber, letter.Html, letter.Card);
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

        foreach (var mailbox in mailboxes.DistinctBy(m => m.Address, StringComparer.OrdinalIgnoreCase))
        {
            var address = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(mailbox.Address.ToLowerInvariant())))[..16];
            var message = new OutgoingLetter(0, mailbox.Address, _ => $"{notice.Key}:buzon:{address}", notice.Kind, mailbox.Subject, mailbox.Text,
                notice.RequestId, requestNumber).Message(OutboxChannel.Mail, time.GetUtcNow());
            message.RecipientId = null;
            messages.Add(message);
        }

        notice.Messages = messages.Count;
        notice.CreatedAt = time.GetUtcNow();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {Key}: no channel reaches person {PersonId} yet; the message waits ({Reason})")]
    private static partial void LogAwaitingChannel(ILogger logger, string key, long personId, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notice {Key}: person {PersonId} is not an active person; nothing queued for them")]
    private static partial void LogInactive(ILogger logger, string key, long personId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notice {Key} recorded with {Messages} message(s)")]
    private static partial void LogRecorded(ILogger logger, string key, int messages);
}
