using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.Persistence;

namespace SosepBot.Core.Notifications;

/// <summary>
/// Notices that no channel could reach: each run releases those whose person a channel now reaches (mail
/// configured, Teams installed, an e-mail added) to the queue, and gives up, into the dead letters, those that
/// waited longer than <see cref="NoticeOptions.WaitForChannel"/>. Safe to run twice and on several instances.
/// </summary>
public sealed partial class ChannelWaitingRoom(
    SosepDbContext db,
    RecipientChannels channels,
    IOptions<NoticeOptions> options,
    TimeProvider time,
    ILogger<ChannelWaitingRoom> logger)
{
    private const int Batch = 500;

    public async Task<(int Released, int GivenUp)> ReleaseAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var waiting = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.AwaitingChannel)
            .OrderBy(m => m.Id).Take(Batch).ToListAsync(cancellationToken);
        if (waiting.Count == 0)
        {
            return (0, 0);
        }

        var ids = waiting.Where(m => m.RecipientId is not null).Select(m => m.RecipientId!.Value).Distinct().ToList();
        var emails = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Email, cancellationToken);
        int released = 0, givenUp = 0;
        foreach (var message in waiting)
        {
            var order = message.Channel == OutboxChannel.Mail ? new[] { OutboxChannel.Mail, OutboxChannel.Teams } : [OutboxChannel.Teams, OutboxChannel.Mail];
            var (found, reason) = message.RecipientId is { } person
                ? await channels.ChooseAsync(person, order, every: false, cancellationToken)
                : ([], "sin destinatario");
            if (found.Count > 0)
            {
                message.Channel = found[0];
                message.Recipient = RecipientChannels.AddressOn(found[0], message.RecipientId!.Value, emails.GetValueOrDefault(message.RecipientId.Value, string.Empty));
                message.Html = found[0] == OutboxChannel.Mail ? message.Html : null;
                message.Payload = found[0] == OutboxChannel.Teams ? message.Payload : null;
                message.Status = OutboxStatus.Pending;
                message.NextAttemptAt = now;
                message.LastError = null;
                released++;
            }
            else if (now - message.CreatedAt >= options.Value.WaitForChannel)
            {
                message.Status = OutboxStatus.DeadLettered;
                message.LastAttemptAt = now;
                message.LastError = $"Se dejó de esperar un canal tras {options.Value.WaitForChannel.TotalDays:0.#} días ({reason}).";
                givenUp++;
            }
            else if (message.LastError != reason)
            {
                message.LastError = reason;
            }
            else
            {
                continue;
            }

            message.Version++;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another instance released or gave up some of them first; the next run sees the rest.
            return (0, 0);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        if (released + givenUp > 0)
        {
            LogReleased(logger, released, givenUp);
        }

        return (released, givenUp);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notices awaiting a channel: {Released} released to the queue, {GivenUp} given up")]
    private static partial void LogReleased(ILogger logger, int released, int givenUp);
}
