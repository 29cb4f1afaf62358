using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.Mail;
using SosepBot.Core.Notifications;
using SosepBot.Core.Persistence;

namespace SosepBot.Core.Privacy;

/// <summary>
/// Personal data only where the procedure needs it: the request keeps what it needs, but the channels keep copies —
/// the body of every Teams activity (a DI-Frm form sent from Teams carries the CUI and NIT), the text and card of every
/// notice and reply sent, the raw copy of mail held for review. Once older than <see cref="RetentionOptions.ChannelContent"/>
/// and done with, those copies are emptied; the rows stay, so that what they guard (a redelivered activity acting once,
/// a notice sent once, the lists IT staff read) keeps working. Used or expired console sign-in links are deleted. An activity never acted on within the period is closed
/// as it is emptied; messages still to be sent or dead-lettered, and mail still held, are left whole. Run daily by the
/// jobs; running it again changes nothing.
/// </summary>
public sealed partial class ChannelContentSweeper(
    SosepDbContext db, IOptions<RetentionOptions> options, TimeProvider time, ILogger<ChannelContentSweeper> logger)
{
    /// <summary>What an emptied Teams activity body holds: still valid JSON for anything that reads it.</summary>
    public const string EmptyActivity = "{}";

    /// <summary>Rows emptied per statement, so that no single write holds SQLite's lock for long.</summary>
    private const int Chunk = 500;

    /// <summary>Returns how many rows were emptied (the sign-in links deleted are logged, not counted).</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var before = now - options.Value.ChannelContent;

        // An activity not acted on within the period (given up after its attempts, or left by a service that was down
        // that long) never will be: it is closed as it is emptied, so that no restart tries to act on an empty body.
        var activities = await ChunkedAsync(
            db.TeamsInboundActivities.Where(a => a.ReceivedAt < before && (a.Body != EmptyActivity || a.Response != null)).Select(a => a.Id),
            ids => db.TeamsInboundActivities.Where(a => ids.Contains(a.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Body, EmptyActivity).SetProperty(a => a.Response, (string?)null)
                    .SetProperty(a => a.ProcessedAt, a => a.ProcessedAt ?? now), cancellationToken),
            cancellationToken);
        var messages = await ChunkedAsync(
            db.OutboxMessages.Where(m => m.Status == OutboxStatus.Delivered && m.DeliveredAt < before && (m.Text != string.Empty || m.Html != null || m.Payload != null)).Select(m => m.Id),
            ids => db.OutboxMessages.Where(m => ids.Contains(m.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Text, string.Empty).SetProperty(m => m.Html, (string?)null).SetProperty(m => m.Payload, (string?)null), cancellationToken),
            cancellationToken);
        var none = Array.Empty<byte>();
        var mails = await ChunkedAsync(
            db.QuarantinedMails.Where(q => q.Status != QuarantineStatus.Held && q.DecidedAt < before && q.Raw != none).Select(q => q.Id),
            ids => db.QuarantinedMails.Where(q => ids.Contains(q.Id)).ExecuteUpdateAsync(s => s.SetProperty(q => q.Raw, none), cancellationToken),
            cancellationToken);
        // Sign-in links are done with once used or expired: only their hashes, but no reason to keep them.
        var links = await db.LoginLinks.Where(l => l.UsedAt != null || l.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        if (activities + messages + mails + links > 0)
        {
            LogSwept(logger, activities, messages, mails, options.Value.ChannelContent.TotalDays, links);
        }

        return activities + messages + mails; // the copies emptied; the links deleted are only logged
    }

    private static async Task<int> ChunkedAsync(IQueryable<long> due, Func<List<long>, Task<int>> empty, CancellationToken cancellationToken)
    {
        var total = 0;
        while (await due.OrderBy(id => id).Take(Chunk).ToListAsync(cancellationToken) is { Count: > 0 } ids)
        {
            total += await empty(ids);
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Emptied the channel copies older than {Days} days: {Activities} Teams activities, {Messages} sent messages, {Mails} held mails decided; deleted {Links} used or expired sign-in links")]
    private static partial void LogSwept(ILogger logger, int activities, int messages, int mails, double days, int links);
}
