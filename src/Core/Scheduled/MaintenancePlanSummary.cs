namespace SosepBot.Core.Scheduled;

/// <summary>A recurring visit plan as the calendar lists it: its calendar, unit, technician, rule and first visit (offices' wall clock).</summary>
public sealed record MaintenancePlanSummary(long Id, string CalendarNumber, string Unit, string Technician, string Rule, DateTime FirstVisitLocal, bool IsActive);
