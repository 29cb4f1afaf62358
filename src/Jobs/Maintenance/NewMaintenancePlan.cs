namespace SosepBot.Jobs.Maintenance;

/// <summary>A recurring visit to a registered unit within a DS-UI-03 calendar.</summary>
public sealed record NewMaintenancePlan
{
    /// <summary>The calendar (DS-UI-03 request number).</summary>
    public required string CalendarNumber { get; init; }

    /// <summary>The registered unit, by id.</summary>
    public long? UnitId { get; init; }

    /// <summary>The registered unit, by name (when <see cref="UnitId"/> is not given).</summary>
    public string? Unit { get; init; }

    /// <summary>Requester of the visits (who may hand in the signed conformity form); empty: the unit's head now, else the plan's author.</summary>
    public string? ContactEmail { get; init; }

    public required string TechnicianEmail { get; init; }

    /// <summary>RFC 5545 RRULE, e.g. "FREQ=MONTHLY;INTERVAL=6" or "FREQ=MONTHLY;BYDAY=1MO".</summary>
    public required string Rule { get; init; }

    /// <summary>The first visit, on the offices' wall clock.</summary>
    public required DateTime FirstVisitLocal { get; init; }

    /// <summary>How far ahead visits are created.</summary>
    public int HorizonDays { get; init; } = 60;
}
