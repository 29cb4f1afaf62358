using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.Scheduling;

namespace SosepBot.Core.Dashboard;

/// <summary>
/// Computes the IT director's figures with aggregate queries (GROUP BY and counts through EF; no request is loaded whole):
/// opened and closed per week, the backlog, compliance with the time limits and business resolution time
/// (<see cref="Request.LimitExceeded"/> and <see cref="Request.ResolutionBusinessSeconds"/>, kept by <see cref="TimeLimits"/>),
/// and the oldest overdue requests. One source for the console's dashboard, the digest mail and its Teams card.
/// </summary>
public sealed class DirectorDashboard(SosepDbContext db, ProcedureCatalog catalog, BusinessCalendar calendar, TimeProvider time)
{
    public const int Weeks = 12;
    public const int OverdueListSize = 10;

    /// <summary>The figures for the last seven days against the seven before (the console's view).</summary>
    public Task<DirectorFigures> ComputeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return ComputeAsync(now.AddDays(-7), now, cancellationToken);
    }

    /// <summary>The figures for the period [<paramref name="from"/>, <paramref name="to"/>) and the weeks up to <paramref name="to"/>.</summary>
    public async Task<DirectorFigures> ComputeAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, to);
        var now = time.GetUtcNow();
        var requests = db.Requests.AsNoTracking();
        var mondays = WeekMondays(to);
        var bounds = mondays.Select(Instant).ToArray();
        var windowStart = bounds[0];

        var opened = await CountByWeekAsync(requests, r => r.CreatedAt, bounds, cancellationToken);
        var closed = await CountByWeekAsync(requests.Where(r => r.ClosedAt != null), r => r.ClosedAt!.Value, bounds, cancellationToken);
        var weeks = Enumerable.Range(0, Weeks)
            .Select(i => new DirectorFigures.WeekLine(mondays[i], bounds[i], opened.GetValueOrDefault(i), closed.GetValueOrDefault(i))).ToList();

        var length = to - from;
        var previousFrom = from - length;
        var period = await PeriodAsync(requests, from, to, cancellationToken);
        var previous = await PeriodAsync(requests, previousFrom, from, cancellationToken);

        var backlog = (await requests.Where(r => r.ClosedAt == null)
                .GroupBy(r => new { r.ProcedureCode, r.State })
                .Select(g => new { g.Key.ProcedureCode, g.Key.State, Open = g.Count(), Overdue = g.Count(r => r.DueAt != null && r.DueAt < now) })
                .ToListAsync(cancellationToken))
            .Select(b => new DirectorFigures.BacklogLine(b.ProcedureCode, ProcedureName(b.ProcedureCode), b.State, b.Open, b.Overdue))
            .OrderBy(b => b.Code, StringComparer.Ordinal).ThenByDescending(b => b.Open).ThenBy(b => b.State, StringComparer.Ordinal).ToList();

        var inWindow = requests.Where(r => r.ClosedAt != null && r.ClosedAt >= windowStart && r.ClosedAt < to);
        var byProcedure = (await inWindow.GroupBy(r => r.ProcedureCode)
                .Select(g => new Closure(g.Key, null, g.Count(), g.Count(r => !r.LimitExceeded), g.Count(r => r.ResolutionBusinessSeconds != null),
                    g.Sum(r => r.ResolutionBusinessSeconds) ?? 0))
                .ToListAsync(cancellationToken))
            .Select(c => new DirectorFigures.ComplianceLine(c.Code!, ProcedureName(c.Code!), c.Closed, c.Within, c.Timed, c.Seconds))
            .OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        var byTechnician = await ByTechnicianAsync(inWindow, cancellationToken);
        var periodByTechnician = await ByTechnicianAsync(
            requests.Where(r => r.ClosedAt != null && r.ClosedAt >= from && r.ClosedAt < to), cancellationToken);

        var overdue = await requests.Where(r => r.ClosedAt == null && r.DueAt != null && r.DueAt < now)
            .OrderBy(r => r.DueAt).ThenBy(r => r.Id).Take(OverdueListSize)
            .Select(r => new { r.Number, r.Title, r.ProcedureCode, r.State, Assignee = r.Assignee!.DisplayName, Due = r.DueAt!.Value })
            .ToListAsync(cancellationToken);

        return new DirectorFigures
        {
            Now = now,
            From = from,
            To = to,
            Period = period,
            Previous = previous,
            Weeks = weeks,
            Backlog = backlog,
            ByProcedure = byProcedure,
            ByTechnician = byTechnician,
            PeriodByTechnician = periodByTechnician,
            OldestOverdue = overdue.Select(r => new DirectorFigures.OverdueLine(r.Number, r.Title, r.ProcedureCode, r.State, r.Assignee, r.Due,
                calendar.BusinessTimeBetween(r.Due, now))).ToList(),
        };
    }

    /// <summary>The local Mondays bounding the weeks: <see cref="Weeks"/> + 1, the last week being the one holding <paramref name="to"/>.</summary>
    public DateOnly[] WeekMondays(DateTimeOffset to)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, calendar.TimeZone).DateTime);
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return Enumerable.Range(-(Weeks - 1), Weeks + 1).Select(i => monday.AddDays(7 * i)).ToArray();
    }

    private DateTimeOffset Instant(DateOnly day)
    {
        var wall = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(wall, calendar.TimeZone.GetUtcOffset(wall)).ToUniversalTime();
    }

    private string ProcedureName(string code) => catalog.Find(code)?.Name ?? code;

    private static async Task<DirectorFigures.PeriodCounts> PeriodAsync(IQueryable<Request> requests, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        new(await requests.CountAsync(r => r.CreatedAt >= from && r.CreatedAt < to, cancellationToken),
            await requests.CountAsync(r => r.ClosedAt != null && r.ClosedAt >= from && r.ClosedAt < to, cancellationToken));

    private async Task<List<DirectorFigures.ComplianceLine>> ByTechnicianAsync(IQueryable<Request> closed, CancellationToken cancellationToken)
    {
        var rows = await closed.GroupBy(r => r.AssigneeId)
            .Select(g => new Closure(null, g.Key, g.Count(), g.Count(r => !r.LimitExceeded), g.Count(r => r.ResolutionBusinessSeconds != null),
                g.Sum(r => r.ResolutionBusinessSeconds) ?? 0))
            .ToListAsync(cancellationToken);
        var ids = rows.Where(r => r.AssigneeId != null).Select(r => r.AssigneeId!.Value).ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        return rows
            .Select(c => new DirectorFigures.ComplianceLine(
                c.AssigneeId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
                c.AssigneeId is { } id ? names.GetValueOrDefault(id, "?") : DashboardTexts.Labels.Unassigned,
                c.Closed, c.Within, c.Timed, c.Seconds))
            .OrderByDescending(c => c.Closed).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Counts rows per week of <paramref name="at"/> in one GROUP BY over a CASE of the week bounds (parameters, so the query is cached).</summary>
    private static async Task<Dictionary<int, int>> CountByWeekAsync(
        IQueryable<Request> source, Expression<Func<Request, DateTimeOffset>> at, DateTimeOffset[] bounds, CancellationToken cancellationToken)
    {
        var box = new BoundsBox(bounds);
        Expression Bound(int i) => Expression.ArrayIndex(Expression.Field(Expression.Constant(box), nameof(BoundsBox.Bounds)), Expression.Constant(i));
        var value = at.Body;
        var last = bounds.Length - 1;
        Expression week = Expression.Constant(last - 1);
        for (var i = last - 1; i >= 1; i--)
        {
            week = Expression.Condition(Expression.LessThan(value, Bound(i)), Expression.Constant(i - 1), week);
        }

        var inRange = Expression.Lambda<Func<Request, bool>>(
            Expression.AndAlso(Expression.GreaterThanOrEqual(value, Bound(0)), Expression.LessThan(value, Bound(last))), at.Parameters);
        var bucket = Expression.Lambda<Func<Request, WeekRow>>(
            Expression.MemberInit(Expression.New(typeof(WeekRow)), Expression.Bind(typeof(WeekRow).GetProperty(nameof(WeekRow.Week))!, week)),
            at.Parameters);
        return await source.Where(inRange).Select(bucket).GroupBy(w => w.Week)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
    }

    private sealed class BoundsBox(DateTimeOffset[] bounds)
    {
        public readonly DateTimeOffset[] Bounds = bounds;
    }

    private sealed class WeekRow
    {
        public int Week { get; init; }
    }

    private sealed record Closure(string? Code, long? AssigneeId, int Closed, int Within, int Timed, long Seconds);
}
