using System.Globalization;
using System.Text;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Requests;
using SosepBot.Core.Scheduled;
using SosepBot.Core.Scheduling;
using SosepBot.Jobs.Notices;

namespace SosepBot.Jobs.Summary;

/// <summary>
/// «Sus pendientes»: on business days, each person on whom something waits gets one message listing it, overdue
/// first (the same rule as the «Le espera» notices, <see cref="WaitingWork"/>), so that a missed notice is not
/// forgotten work — and people who chose the summary only (<see cref="NoticeMode.SummaryOnly"/>) hear of their
/// work here. One <see cref="JobNotice"/> per person and day: safe to run twice and on several instances.
/// </summary>
public sealed partial class PendingSummaryJob(
    SosepDbContext db,
    WaitingWork waiting,
    NoticeWriter notices,
    BusinessCalendar calendar,
    TimeProvider time,
    ILogger<PendingSummaryJob> logger)
{
    public const string Kind = "sus-pendientes";
    private const int MaxLines = 30;

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<PendingSummaryRun> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, calendar.TimeZone).DateTime);
        if (!calendar.IsBusinessDay(today))
        {
            return new PendingSummaryRun(false, 0, 0);
        }

        // Everybody on whom something may wait: role holders, and requesters and assignees of open requests.
        var open = db.Requests.Where(r => r.ClosedAt == null);
        var people = await db.People.AsNoTracking().Include(p => p.Roles)
            .Where(p => p.IsActive && (p.Roles.Any() || open.Any(r => r.RequesterId == p.Id || r.AssigneeId == p.Id)))
            .OrderBy(p => p.Id).ToListAsync(cancellationToken);
        int told = 0, requests = 0;
        foreach (var person in people)
        {
            var key = $"{Kind}:{today:yyyy-MM-dd}:{person.Id.ToString(CultureInfo.InvariantCulture)}";
            if (await notices.ExistsAsync(key, cancellationToken))
            {
                continue;
            }

            var items = await waiting.ForAsync(person.Id, person.Roles.Select(r => r.Role).ToHashSet(), now, cancellationToken);
            if (items.Count == 0)
            {
                continue;
            }

            var overdue = items.Count(i => i.IsOverdue);
            var subject = $"Sus pendientes: {SpanishText.Count(items.Count, "solicitud", "solicitudes")}"
                + (overdue > 0 ? $", {SpanishText.Count(overdue, "vencida", "vencidas")}" : string.Empty) + $" — {SpanishText.Date(today)}";
            var letter = new Letter(person.Id, subject, SpanishText.Letter(person.DisplayName, Body(items)));
            if (await notices.WriteAsync(new JobNotice { Key = key, Kind = Kind }, [letter], null, cancellationToken))
            {
                told++;
                requests += items.Count;
            }
        }

        LogRun(logger, told, requests);
        return new PendingSummaryRun(true, told, requests);
    }

    private string Body(IReadOnlyList<WaitingItem> items)
    {
        var sb = new StringBuilder("Esto espera por usted en la Unidad de Informática, lo vencido primero:\n\n");
        foreach (var item in items.Take(MaxLines))
        {
            sb.Append(item.IsOverdue ? "• VENCIDA · " : "• ")
                .Append(WaitingText.Line(item.Request, item.Procedure, item.Actions, calendar.TimeZone))
                .Append("\n  «").Append(item.Request.Title).Append("», en «").Append(item.Request.State).Append("»\n");
        }

        if (items.Count > MaxLines)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n… y {items.Count - MaxLines} más: escriba «pendientes» al bot de Teams para verlas todas.\n");
        }

        sb.Append("\nPara cambiar cómo recibe estos avisos escriba «avisos» al bot de Teams.");
        return sb.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pending-work summary: {People} person(s) told of {Requests} request(s)")]
    private static partial void LogRun(ILogger logger, int people, int requests);
}

/// <summary>What a summary run did: whether today is a business day, how many people were told, of how many requests.</summary>
public sealed record PendingSummaryRun(bool BusinessDay, int People, int Requests);
