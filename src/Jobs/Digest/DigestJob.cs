using System.Globalization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Scheduled;
using SosepBot.Core.Scheduling;
using SosepBot.Jobs.Notices;

namespace SosepBot.Jobs.Digest;

/// <summary>
/// Sends the IT director's digest: daily on business days (covering the time since the previous business
/// day's digest) and weekly. Each digest is one <see cref="JobNotice"/> ("resumen-diario:2026-03-02"), so it
/// goes out once per day whatever the number of runs or instances. Mail gets HTML and plain text; Teams a card.
/// </summary>
public sealed partial class DigestJob(
    SosepDbContext db,
    DigestBuilder builder,
    NoticeWriter notices,
    BusinessCalendar calendar,
    IOptions<DigestOptions> options,
    TimeProvider time,
    ILogger<DigestJob> logger)
{
    public const string DailyKind = "resumen-diario";
    public const string WeeklyKind = "resumen-semanal";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task SendDailyAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, calendar.TimeZone).DateTime);
        if (!calendar.IsBusinessDay(today))
        {
            LogSkipped(logger, today);
            return;
        }

        var from = calendar.AddBusinessDays(now, -1);
        await SendAsync(DailyKind, "diario", today, from, now, cancellationToken);
    }

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task SendWeeklyAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, calendar.TimeZone).DateTime);
        await SendAsync(WeeklyKind, "semanal", today, now.AddDays(-7), now, cancellationToken);
    }

    /// <summary>Builds and queues one digest; false when it was sent already for <paramref name="day"/>.</summary>
    public async Task<bool> SendAsync(string noticeKind, string label, DateOnly day, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var key = $"{noticeKind}:{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        if (await notices.ExistsAsync(key, cancellationToken))
        {
            return false;
        }

        var report = await builder.BuildAsync(label, from, to, cancellationToken);
        var zone = calendar.TimeZone;
        var subject = DigestRenderer.Subject(report, zone);
        var text = DigestRenderer.Text(report, zone);
        var html = DigestRenderer.Html(report, zone);
        var card = DigestRenderer.Card(report, zone);
        var letters = (await RecipientsAsync(cancellationToken))
            .Select(id => new Letter(id, subject, text, html, card, EveryChannel: true)).ToList();
        var sent = await notices.WriteAsync(new JobNotice { Key = key, Kind = noticeKind }, letters, null, cancellationToken);
        LogDigest(logger, key, letters.Count, sent);
        return sent;
    }

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
