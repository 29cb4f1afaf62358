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

    /// <summary>Records the notice with its letters; false when another run recorded it first.</summary>
    public Task<bool> WriteAsync(JobNotice notice, IReadOnlyCollection<Letter> letters, string? requestNumber, CancellationToken cancellationToken) =>
        WriteAsync(notice, letters, [], requestNumber, cancellationToken);

    /// <summary>
    /// Records the notice with its letters to people and to mailboxes (by mail, when a mail channel is configured);
    /// false when another run recorded it first.
    /// </summary>
    public async Task<bool> WriteAsync(
        JobNotice notice, IReadOnlyCollection<Letter> letters, IReadOnlyCollection<MailboxLetter> mailboxes, string? requestNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(letters);
        ArgumentNullException.ThrowIfNull(mailboxes);
        if (await ExistsAsync(notice.Key, cancellationToken))
        {
            return false;
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

        foreach (var mailbox in mailboxes.DistinctBy(m => m.Address, StringComparer.OrdinalIgnoreCase))
        {
            if (!_reaches.ContainsKey(OutboxChannel.Mail))
            {
                LogNoMailChannel(logger, notice.Key);
                break;
            }

            messages.Add(new OutboxMessage
            {
                Channel = OutboxChannel.Mail,
                DedupKey = $"{notice.Key}:buzon:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(mailbox.Address.ToLowerInvariant())))[..16]}",
                Kind = notice.Kind,
                Recipient = mailbox.Address,
                RequestId = notice.RequestId,
                RequestNumber = requestNumber,
                Subject = mailbox.Subject,
                Text = mailbox.Text,
                CreatedAt = now,
                NextAttemptAt = now,
            });
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
            return true;
        }
        catch (DbUpdateException)
        {
            // Another run or instance recorded the same notice (unique key) first: it sends, this one does not.
            return false;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {Key}: no mail channel is configured; shared mailboxes are not written to")]
    private static partial void LogNoMailChannel(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notice {Key} recorded with {Messages} message(s)")]
    private static partial void LogRecorded(ILogger logger, string key, int messages);
}
