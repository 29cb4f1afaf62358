namespace SosepBot.Core.Scheduled;

/// <summary>A DS-UI-03 calendar (the request that groups a year's visits) with its state and how many visits it holds.</summary>
public sealed record MaintenanceCalendarSummary(string Number, string Title, string State, bool IsClosed, int Visits);
