using SosepBot.Core.Requests;

namespace SosepBot.Jobs.Maintenance;

/// <summary>A maintenance plan as shown: its calendar, unit, people, rule and how many visits it has created.</summary>
public sealed record MaintenancePlanView(
    long Id,
    string CalendarNumber,
    long? UnitId,
    string Unit,
    PersonRef Contact,
    PersonRef Technician,
    PersonRef CreatedBy,
    string Rule,
    DateTime FirstVisitLocal,
    int HorizonDays,
    bool IsActive,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt,
    int VisitsCreated);
