namespace SosepBot.Jobs.Maintenance;

/// <summary>What changes in a plan: each field given replaces the plan's (null keeps it; an empty contact means the unit's head, else the plan's author).</summary>
public sealed record MaintenancePlanChange
{
    public long? UnitId { get; init; }

    public string? Unit { get; init; }

    public string? ContactEmail { get; init; }

    public string? TechnicianEmail { get; init; }

    public string? Rule { get; init; }

    public DateTime? FirstVisitLocal { get; init; }

    public int? HorizonDays { get; init; }
}
