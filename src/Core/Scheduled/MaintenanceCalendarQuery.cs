using Microsoft.EntityFrameworkCore;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Procedures.Catalog;
using SosepBot.Core.Requests;
using SosepBot.Core.Scheduling;

namespace SosepBot.Core.Scheduled;

/// <summary>
/// Reads the DS-UI-03 maintenance calendar for IT staff: one month's visits (DS-UI-03-VISITA requests scheduled in it,
/// the month taken in the offices' time zone), optionally of one unit or one technician, and the year's calendars.
/// Only the month's rows are read (the date range is part of the query).
/// </summary>
public sealed class MaintenanceCalendarQuery(SosepDbContext db, ProcedureCatalog catalog, BusinessCalendar calendar, TimeProvider time)
{
    /// <summary>Visit states before the visit is done: past its date in one of these, it is late.</summary>
    public static readonly IReadOnlyList<string> PendingStates =
        [PreventiveMaintenance.Programada, PreventiveMaintenance.Notificada, PreventiveMaintenance.Reprogramada];

    public async Task<MaintenanceMonth> MonthAsync(Actor actor, DateOnly month, long? unitId, long? technicianId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureItStaff("consulta el calendario de mantenimiento preventivo");
        var first = new DateOnly(month.Year, month.Month, 1);
        var (start, end) = (StartOf(first), StartOf(first.AddMonths(1)));
        var now = time.GetUtcNow();

        var visits = db.Requests.AsNoTracking()
            .Where(r => r.ProcedureCode == ProcedureCodes.VisitaMantenimiento && r.ScheduledFor >= start && r.ScheduledFor < end);
        if (unitId is { } unit)
        {
            visits = visits.Where(r => r.UnitId == unit);
        }

        if (technicianId is { } technician)
        {
            visits = visits.Where(r => r.AssigneeId == technician);
        }

        var rows = await visits
            .Select(r => new
            {
                r.Number,
                r.Title,
                r.Unit,
                r.State,
                ScheduledFor = r.ScheduledFor!.Value,
                Technician = r.Assignee == null ? null : new PersonRef(r.Assignee.Id, r.Assignee.DisplayName, r.Assignee.Email),
            })
            .ToListAsync(cancellationToken);
        var days = rows
            .Select(r => new MaintenanceVisitView(r.Number, r.Title, r.Unit, r.Technician, r.State, r.ScheduledFor,
                TimeZoneInfo.ConvertTime(r.ScheduledFor, calendar.TimeZone).DateTime,
                PendingStates.Contains(r.State) && r.ScheduledFor < now))
            .OrderBy(v => v.ScheduledFor).ThenBy(v => v.Unit, StringComparer.CurrentCulture).ThenBy(v => v.Number, StringComparer.Ordinal)
            .GroupBy(v => DateOnly.FromDateTime(v.ScheduledLocal))
            .Select(g => new MaintenanceDay(g.Key, g.ToList()))
            .ToList();

        var calendars = await CalendarsOfAsync(first.Year, cancellationToken);
        return new MaintenanceMonth(first, days, calendars, await PlansAsync(calendars, unitId, technicianId, cancellationToken),
            await TechniciansAsync(cancellationToken));
    }

    /// <summary>The recurring plans of those calendars, of the unit and technician asked for.</summary>
    private async Task<IReadOnlyList<MaintenancePlanSummary>> PlansAsync(
        IReadOnlyList<MaintenanceCalendarSummary> calendars, long? unitId, long? technicianId, CancellationToken cancellationToken)
    {
        if (calendars.Count == 0)
        {
            return [];
        }

        var numbers = calendars.Select(c => c.Number).ToList();
        var plans = from p in db.MaintenancePlans.AsNoTracking()
                    join c in db.Requests on p.CalendarId equals c.Id
                    join t in db.People on p.TechnicianId equals t.Id
                    where numbers.Contains(c.Number)
                          && (unitId == null || p.UnitId == unitId)
                          && (technicianId == null || p.TechnicianId == technicianId)
                    orderby p.Id
                    select new MaintenancePlanSummary(p.Id, c.Number, p.Unit, t.DisplayName, p.Rule, p.FirstVisitLocal, p.IsActive);
        return await plans.ToListAsync(cancellationToken);
    }

    /// <summary>The DS-UI-03 calendars opened in the year or with a visit scheduled in it, oldest first.</summary>
    private async Task<IReadOnlyList<MaintenanceCalendarSummary>> CalendarsOfAsync(int year, CancellationToken cancellationToken)
    {
        var (start, end) = (StartOf(new DateOnly(year, 1, 1)), StartOf(new DateOnly(year + 1, 1, 1)));
        var visits = db.Requests.Where(v => v.ProcedureCode == ProcedureCodes.VisitaMantenimiento);
        var rows = await db.Requests.AsNoTracking()
            .Where(c => c.ProcedureCode == ProcedureCodes.MantenimientoPreventivo
                && ((c.CreatedAt >= start && c.CreatedAt < end)
                    || visits.Any(v => v.ParentId == c.Id && v.ScheduledFor >= start && v.ScheduledFor < end)))
            .OrderBy(c => c.Id)
            .Select(c => new { c.Number, c.Title, c.State, Visits = visits.Count(v => v.ParentId == c.Id) })
            .ToListAsync(cancellationToken);
        var definition = catalog.Get(ProcedureCodes.MantenimientoPreventivo);
        return rows.Select(c => new MaintenanceCalendarSummary(c.Number, c.Title, c.State, definition.IsFinal(c.State), c.Visits)).ToList();
    }

    private async Task<IReadOnlyList<PersonRef>> TechniciansAsync(CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking()
            .Where(p => p.IsActive && p.Roles.Any(r => r.Role == Role.Technician))
            .Select(p => new PersonRef(p.Id, p.DisplayName, p.Email))
            .ToListAsync(cancellationToken);
        return people.OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();
    }

    private DateTimeOffset StartOf(DateOnly day) => RequestQuery.StartOf(day, calendar.TimeZone);
}
