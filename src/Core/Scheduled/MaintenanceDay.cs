namespace SosepBot.Core.Scheduled;

/// <summary>The visits of one day of the month (in the offices' time zone), by time.</summary>
public sealed record MaintenanceDay(DateOnly Date, IReadOnlyList<MaintenanceVisitView> Visits);
