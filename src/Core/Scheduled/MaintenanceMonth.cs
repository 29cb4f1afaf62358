using SosepBot.Core.Requests;

namespace SosepBot.Core.Scheduled;

/// <summary>
/// The maintenance calendar of one month (DS-UI-03): the visits scheduled in it, by day, after the filters; the
/// calendars of its year and their recurring plans (same filters); and the technicians the filter offers.
/// </summary>
public sealed record MaintenanceMonth(
    DateOnly Month,
    IReadOnlyList<MaintenanceDay> Days,
    IReadOnlyList<MaintenanceCalendarSummary> Calendars,
    IReadOnlyList<MaintenancePlanSummary> Plans,
    IReadOnlyList<PersonRef> Technicians)
{
    public int Visits => Days.Sum(d => d.Visits.Count);

    public int Late => Days.Sum(d => d.Visits.Count(v => v.IsLate));
}
