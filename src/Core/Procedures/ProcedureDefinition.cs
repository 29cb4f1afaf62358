using SosepBot.Core.People;

namespace SosepBot.Core.Procedures;

/// <summary>A procedure of the manual as data: its states and transitions. The Stateless machine is built from it.</summary>
public sealed class ProcedureDefinition
{
    /// <summary>"DS-UI-04", "SIGES-SICOIN", "DS-UI-03-VISITA".</summary>
    public required string Code { get; init; }

    public required string Name { get; init; }

    public required string Description { get; init; }

    public required string InitialState { get; init; }

    public required IReadOnlyList<StateDefinition> States { get; init; }

    public required IReadOnlyList<TransitionDefinition> Transitions { get; init; }

    /// <summary>Roles that may open one; empty means anybody.</summary>
    public required IReadOnlySet<Role> OpenedBy { get; init; }

    public FormRules? Form { get; init; }

    /// <summary>For a sub-procedure (a maintenance visit), the procedure of its parent and the parent states that accept new children.</summary>
    public string? ParentCode { get; init; }

    public IReadOnlyList<string> ParentStates { get; init; } = [];

    /// <summary>The roles that act on some step of the procedure: with the people the request names, those who may have its personal data.</summary>
    public IReadOnlySet<Role> ActingRoles => Transitions.SelectMany(t => t.Who).Where(w => w.Role is not null).Select(w => w.Role!.Value).ToHashSet();

    /// <summary>Some step names testers or is fired by one: the request's testers must be read.</summary>
    public bool HasTesters => Transitions.Any(t => t.NamesTesters || t.Who.Any(w => w.IsTester));

    /// <summary>Some step's guard looks at the request's generated documents.</summary>
    public bool ReadsDocuments => Transitions.Any(t => t.Requirements.Any(r => r.ReadsDocuments));

    public StateDefinition State(string name) =>
        States.FirstOrDefault(s => s.Name == name)
        ?? throw new KeyNotFoundException($"State '{name}' is not part of {Code}.");

    public TransitionDefinition? Transition(string action) =>
        Transitions.FirstOrDefault(t => string.Equals(t.Action, action, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<TransitionDefinition> From(string state) => Transitions.Where(t => t.From.Contains(state));

    public bool IsFinal(string state) => State(state).IsFinal;
}
