using SosepBot.Core.Requests;

namespace SosepBot.Core.Scheduled;

/// <summary>One DS-UI-03 visit in the month's calendar: where, who, its state, and whether it is late (not done and past its date).</summary>
public sealed record MaintenanceVisitView(
    string Number,
    string Title,
    string? Unit,
    PersonRef? Technician,
    string State,
    DateTimeOffset ScheduledFor,
    DateTime ScheduledLocal,
    bool IsLate);
