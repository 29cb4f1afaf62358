using System.Globalization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.Dashboard;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Scheduled;
using SosepBot.Core.Scheduling;
using SosepBot.Jobs.Notices;

namespace SosepBot.Jobs.Digest;

/// <summary>
/// Sends the IT director's digest: daily on business days (covering the time since the previous business
/// day's digest) and weekly. Each digest is one <see cref="JobNotice"/> ("resumen-diario:2026-03-02"), so it
/// goes out once per day whatever the number of runs or instances; sending it again the same day is an explicit
/// resend ("resumen-diario:2026-03-02:reenvio:…"). Mail gets HTML (with the weekly chart inline when the charts are
/// registered) and plain text; Teams a card with the same figures.
/// </summary>
public sealed partial class DigestJob(
    SosepDbContext db,
    DigestBuilder builder,
    NoticeWriter notices,
    BusinessCalendar calendar,
    IOptions<DigestOptions> options,
    TimeProvider time,
    ILogger<DigestJob> logger,
    IEnumerable<IDashboardCharts> charts)
{
    public const string DailyKind = "resumen-diario";
    public const string WeeklyKind = "resumen-semanal";

    /// <summary>The scheduled daily digest (never a resend).</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task<DigestRun> SendDailyAsync(CancellationToken cancellationToken) => SendDailyAsync(resend: false, cancellationToken);

    /// <summary>The daily digest; with <paramref name="resend"/>, sent again when today's went out already.</summary>
    public async Task<DigestRun> SendDailyAsync(bool resend, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = Today(now);
        if (!calendar.IsBusinessDay(today))
        {
            LogSkipped(logger, today);
            return new DigestRun(DigestOutcome.NotBusinessDay, today);
        }

        return await SendAsync(DailyKind, "diario", today, calendar.AddBusinessDays(now, -1), now, resend, cancellationToken);
    }

    /// <summary>The scheduled weekly digest (never a resend).</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task<DigestRun> SendWeeklyAsync(CancellationToken cancellationToken) => SendWeeklyAsync(resend: false, cancellationToken);

    /// <summary>The weekly digest; with <paramref name="resend"/>, sent again when today's went out already.</summary>
    public async Task<DigestRun> SendWeeklyAsync(bool resend, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await SendAsync(WeeklyKind, "semanal", Today(now), now.AddDays(-7), now, resend, cancellationToken);
    }

    /// <summary>Builds and queues one digest, unless it was sent already for <paramref name="day"/> and no resend is asked for.</summary>
    private async Task<DigestRun> SendAsync(
        string noticeKind, string label, DateOnly day, DateTimeOffset from, DateTimeOffset to, bool resend, CancellationToken cancellationToken)
    {
        var key = $"{noticeKind}:{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        var sentAt = await notices.LastRecordedAsync(key, cancellationToken);
        if (sentAt is not null && !resend)
        {
            return new DigestRun(DigestOutcome.AlreadySent, day, SentAt: sentAt);
        }

        // A resend is a notice of its own (and so are its messages' dedup keys): the run time tells it apart.
        var resent = sentAt is not null;
        if (resent)
        {
            key += ":reenvio:" + to.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", CultureInfo.InvariantCulture);
        }

        var report = await builder.BuildAsync(label, from, to, cancellationToken);
        var zone = calendar.TimeZone;
        var subject = DigestRenderer.Subject(report, zone);
        var text = DigestRenderer.Text(report, zone);
        var chart = charts.FirstOrDefault()?.Png(DashboardChart.Weekly, report.Figures, DigestRenderer.ChartWidth, DigestRenderer.ChartHeight);
        var html = DigestRenderer.Html(report, zone, chart);
        var card = DigestRenderer.Card(report, zone);
        var letters = (await RecipientsAsync(cancellationToken))
            .Select(id => new Letter(id, subject, text, html, card, EveryChannel: true)).ToList();
        var queued = await notices.RecordAsync(new JobNotice { Key = key, Kind = noticeKind }, letters, null, cancellationToken);
        LogDigest(logger, key, letters.Count, queued is not null);
        if (queued is null)
        {
            // Another run recorded the same key between the check and the write: that one sent it.
            return new DigestRun(DigestOutcome.AlreadySent, day, SentAt: await notices.LastRecordedAsync(key, cancellationToken));
        }

        // Messages that wait for a channel are kept (they go out once one reaches the person) but not counted as sent.
        var reached = queued.Where(m => m.Status != OutboxStatus.AwaitingChannel).ToList();
        return new DigestRun(DigestOutcome.Sent, day, letters.Count, reached.Select(m => m.RecipientId).Distinct().Count(), reached.Count, to, resent);
    }

    private DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, calendar.TimeZone).DateTime);

    private async Task<List<long>> RecipientsAsync(CancellationToken cancellationToken)
    {
        var emails = options.Value.Recipients.Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).ToList();
        var people = db.People.AsNoTracking().Where(p => p.IsActive);
        return emails.Count > 0
            ? await people.Where(p => emails.Contains(p.Email)).Select(p => p.Id).ToListAsync(cancellationToken)
            : await people.Where(p => p.Roles.Any(r => r.Role == Role.ItDirector)).Select(p => p.Id).ToListAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily digest skipped: {Day} is not a business day")]
    private static partial void LogSkipped(ILogger logger, DateOnly day);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest {Key}: {Recipients} recipient(s), queued now: {Sent}")]
    private static partial void LogDigest(ILogger logger, string key, int recipients, bool sent);
}
