using SosepBot.Core.People;

namespace SosepBot.Core.Procedures;

/// <summary>One action of a procedure: from which states, to which state, who may fire it and what it needs.</summary>
public sealed class TransitionDefinition
{
    /// <summary>Code used in URLs and cards, e.g. "asignar".</summary>
    public required string Action { get; init; }

    /// <summary>Spanish label, e.g. "Asignar técnico".</summary>
    public required string Label { get; init; }

    public required IReadOnlyList<string> From { get; init; }

    /// <summary>Destination; equal to the source for sign-offs that stay in the step.</summary>
    public required string To { get; init; }

    public required IReadOnlyList<ActorRule> Who { get; init; }

    public required IReadOnlyList<Requirement> Requirements { get; init; }

    /// <summary>When set, the action needs a text, named so ("la justificación").</summary>
    public string? TextLabel { get; init; }

    /// <summary>When set, the action needs a person holding this role, who becomes the assignee.</summary>
    public Role? AssigneeRole { get; init; }

    public AssignEffect Assign { get; init; }

    /// <summary>A sign-off this action records in the request (kept until the step is sent back).</summary>
    public string? RecordsApproval { get; init; }

    /// <summary>One of the manual's "return to step N" loops.</summary>
    public bool IsReturnLoop { get; init; }

    /// <summary>An alternative the step does not wait on (cancel, reassign): its people are not told when the step begins.</summary>
    public bool IsOptional { get; init; }

    /// <summary>The people the step waits on for this action: the rules of the first By…() call of its definition.</summary>
    public IReadOnlyList<ActorRule> Primary { get; init; } = [];

    /// <summary>Sign-offs (<see cref="RecordsApproval"/> of other actions) that must be recorded before this action.</summary>
    public IReadOnlyList<string> ApprovalsNeeded { get; init; } = [];

    public bool AppliesEquipment { get; init; }

    public bool SetsPlannedEnd { get; init; }

    public bool SetsSchedule { get; init; }

    /// <summary>The action names the request's testers from <see cref="ActionInput.TesterIds"/>.</summary>
    public bool NamesTesters { get; init; }

    /// <summary>Every designated tester must have approved the current round of tests first.</summary>
    public bool NeedsTestsApproved { get; init; }

    /// <summary>The action records the acting tester's approval of the tests.</summary>
    public bool ApprovesTests { get; init; }

    public bool IsReentry(string from) => string.Equals(from, To, StringComparison.Ordinal);

    public string DescribeWho() => JoinSpanish(Who.Select(w => w.Describe()).ToList(), "o");

    /// <summary>"a, b o c".</summary>
    internal static string JoinSpanish(IReadOnlyList<string> items, string conjunction) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + $" {conjunction} " + items[^1],
    };
}
