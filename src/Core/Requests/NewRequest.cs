namespace SosepBot.Core.Requests;

/// <summary>What is needed to open a request, from any channel.</summary>
public sealed record NewRequest
{
    public required string ProcedureCode { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    /// <summary>IT staff registering a request for somebody else (a phone call, a paper form).</summary>
    public string? RequesterEmail { get; init; }

    /// <summary>The calendar of a maintenance visit.</summary>
    public string? ParentNumber { get; init; }

    public FormData? Form { get; init; }

    public EquipmentData? Equipment { get; init; }

    public Priority? Priority { get; init; }

    /// <summary>The unit of a maintenance calendar (free text) or visit (a registered unit's name or number).</summary>
    public string? Unit { get; init; }

    /// <summary>The registered unit of a maintenance visit, by id (instead of <see cref="Unit"/>).</summary>
    public long? UnitId { get; init; }

    /// <summary>Date of a maintenance visit.</summary>
    public DateTimeOffset? ScheduledFor { get; init; }

    /// <summary>The technician of a maintenance visit.</summary>
    public string? AssigneeEmail { get; init; }

    /// <summary>Overrides the actor's channel (e.g. <see cref="Channel.Phone"/> when staff type in a call).</summary>
    public Channel? Channel { get; init; }
}
