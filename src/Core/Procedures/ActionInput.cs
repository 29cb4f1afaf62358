using SosepBot.Core.Requests;

namespace SosepBot.Core.Procedures;

/// <summary>What a person supplies with an action: a justification, the person to assign, dates, recorded data.</summary>
public sealed record ActionInput
{
    public static readonly ActionInput None = new();

    /// <summary>Justification, observations, solution, question… (required by some actions).</summary>
    public string? Text { get; init; }

    public long? AssigneeId { get; init; }

    /// <summary>People named to test the development (DS-UI-01, DS-UI-02); replaces the request's testers.</summary>
    public IReadOnlyList<long>? TesterIds { get; init; }

    public Priority? Priority { get; init; }

    /// <summary>End date of a work plan (DS-UI-02).</summary>
    public DateOnly? PlannedEnd { get; init; }

    /// <summary>New date of a maintenance visit (rescheduling).</summary>
    public DateTimeOffset? ScheduledFor { get; init; }

    /// <summary>Equipment data recorded by the technician (DS-UI-05); merged into the request before the guards run.</summary>
    public EquipmentData? Equipment { get; init; }

    /// <summary>Items of a maintenance visit done (teclado, mouse, monitor, cpu).</summary>
    public IReadOnlyList<string>? Checklist { get; init; }

    /// <summary>The request version the person saw; when given and stale, the action is refused.</summary>
    public int? ExpectedVersion { get; init; }
}
