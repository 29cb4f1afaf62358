using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SosepBot.Core.Dashboard;
using SosepBot.Core.Notifications;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Scheduled;

namespace SosepBot.Jobs.Digest;

/// <summary>
/// Counts what the IT director's digest shows, with aggregate queries (no request is loaded whole); trends, compliance with
/// the time limits, closures per technician and the oldest overdue come from <see cref="DirectorDashboard"/>, as on the console.
/// </summary>
public sealed class DigestBuilder(
    SosepDbContext db,
    ProcedureCatalog catalog,
    DirectorDashboard dashboard,
    IOptions<DigestOptions> options,
    TimeProvider time,
    IEnumerable<IMailQuarantine> quarantines)
{
    private static readonly string[] VisitOpenStates = ["Programada", "Notificada", "Reprogramada"];

    public async Task<DigestReport> BuildAsync(string kind, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var requests = db.Requests.AsNoTracking();
        var opened = await requests.Where(r => r.CreatedAt >= from && r.CreatedAt < to)
            .GroupBy(r => r.ProcedureCode).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var closed = await requests.Where(r => r.ClosedAt != null && r.ClosedAt >= from && r.ClosedAt < to)
            .GroupBy(r => r.ProcedureCode).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var open = await requests.Where(r => r.ClosedAt == null)
            .GroupBy(r => r.ProcedureCode)
            .Select(g => new { g.Key, Count = g.Count(), Overdue = g.Count(r => r.DueAt != null && r.DueAt < now) })
            .ToDictionaryAsync(x => x.Key, cancellationToken);
        var procedures = opened.Keys.Concat(closed.Keys).Concat(open.Keys).Distinct()
            .Select(code => new DigestReport.ProcedureLine(code, catalog.Find(code)?.Name ?? code,
                opened.GetValueOrDefault(code), closed.GetValueOrDefault(code),
                open.TryGetValue(code, out var x) ? x.Count : 0, x?.Overdue ?? 0))
            .OrderBy(p => p.Code, StringComparer.Ordinal).ToList();

        var oldest = await requests.Where(r => r.ClosedAt == null)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Take(o.ListSize)
            .Select(r => new { r.Number, r.Title, r.ProcedureCode, r.State, Assignee = r.Assignee!.DisplayName, r.CreatedAt })
            .ToListAsync(cancellationToken);
        var workload = await requests.Where(r => r.ClosedAt == null && r.AssigneeId != null)
            .GroupBy(r => r.AssigneeId)
            .Select(g => new { Id = g.Key!.Value, Open = g.Count(), Overdue = g.Count(r => r.DueAt != null && r.DueAt < now) })
            .ToListAsync(cancellationToken);
        var workloadIds = workload.Select(w => w.Id).ToList();
        var names = await db.People.AsNoTracking().Where(p => workloadIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);

        var horizon = now.AddDays(o.UpcomingVisitDays);
        var visits = requests.Where(r => r.ProcedureCode == ProcedureCodes.VisitaMantenimiento && r.ClosedAt == null);
        var upcoming = visits.Where(r => r.ScheduledFor != null && r.ScheduledFor >= now && r.ScheduledFor < horizon);
        var upcomingCount = await upcoming.CountAsync(cancellationToken);
        var upcomingList = await upcoming.OrderBy(r => r.ScheduledFor).Take(o.ListSize)
            .Select(r => new DigestReport.VisitLine(r.Number, r.Unit, r.ScheduledFor!.Value, r.Assignee!.DisplayName, r.State))
            .ToListAsync(cancellationToken);
        var late = await visits.CountAsync(r => VisitOpenStates.Contains(r.State) && r.ScheduledFor != null && r.ScheduledFor < now, cancellationToken);

        var dead = db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.DeadLettered);
        var deadCount = await dead.CountAsync(cancellationToken);
        var deadList = await dead.OrderByDescending(m => m.Id).Take(o.ListSize)
            .Select(m => new { m.Kind, m.RequestNumber, m.Channel, m.LastError }).ToListAsync(cancellationToken);

        var figures = await dashboard.ComputeAsync(from, to, cancellationToken);
        int? quarantined = null;
        foreach (var q in quarantines)
        {
            quarantined = (quarantined ?? 0) + await q.CountWaitingAsync(cancellationToken);
        }

        return new DigestReport
        {
            Kind = kind,
            From = from,
            To = to,
            Procedures = procedures,
            Figures = figures,
            OldestOverdue = figures.OldestOverdue.Take(o.ListSize)
                .Select(r => new DigestReport.RequestLine(r.Number, r.Title, r.ProcedureCode, r.State, r.Assignee, r.DueAt, r.Overdue)).ToList(),
            OldestOpen = oldest.Select(r => new DigestReport.RequestLine(r.Number, r.Title, r.ProcedureCode, r.State, r.Assignee, r.CreatedAt,
                now - r.CreatedAt)).ToList(),
            Workload = workload.Select(w => new DigestReport.WorkloadLine(names.GetValueOrDefault(w.Id, "?"), w.Open, w.Overdue))
                .OrderByDescending(w => w.Open).ThenBy(w => w.Name, StringComparer.Ordinal).ToList(),
            UpcomingVisitCount = upcomingCount,
            UpcomingVisits = upcomingList,
            UpcomingVisitDays = o.UpcomingVisitDays,
            LateVisits = late,
            DeadLetters = deadCount,
            RecentDeadLetters = deadList.Select(d => new DigestReport.DeadLetterLine(d.Kind, d.RequestNumber, d.Channel.ToString(), d.LastError)).ToList(),
            Quarantined = quarantined,
        };
    }
}
