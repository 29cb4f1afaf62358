using SosepBot.Core.People;
using SosepBot.Core.Procedures;

namespace SosepBot.Bot.Api;

public sealed record StateInfo(string Name, string Description, bool IsFinal, bool WaitsOnRequester, double? LimitBusinessHours);

public sealed record TransitionInfo(
    string Action,
    string Label,
    IReadOnlyList<string> From,
    string To,
    IReadOnlyList<string> Who,
    string? NeedsText,
    string? ChoosesAssigneeWithRole,
    IReadOnlyList<string> Requirements);

/// <summary>One procedure of the catalogue, as GET /api/procedures shows it.</summary>
public sealed record ProcedureInfo(
    string Code,
    string Name,
    string Description,
    IReadOnlyList<string> Forms,
    IReadOnlyList<string> OpenedBy,
    string InitialState,
    IReadOnlyList<StateInfo> States,
    IReadOnlyList<TransitionInfo> Transitions,
    IReadOnlyList<ProcedureInfo> SubProcedures)
{
    public static ProcedureInfo From(ProcedureDefinition p, ProcedureCatalog catalog, TimeLimitsView limits)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(limits);
        return new ProcedureInfo(
            p.Code,
            p.Name,
            p.Description,
            p.Form?.FormCodes ?? [],
            p.OpenedBy.Select(r => r.ToSpanish()).ToList(),
            p.InitialState,
            p.States.Select(s => new StateInfo(s.Name, s.Description, s.IsFinal, s.WaitsOnRequester, limits(p.Code, s.Name)?.TotalHours)).ToList(),
            p.Transitions.Select(t => new TransitionInfo(
                t.Action,
                t.Label,
                t.From,
                t.To,
                t.Who.Select(w => w.Describe()).ToList(),
                t.TextLabel,
                t.AssigneeRole?.ToSpanish(),
                t.Requirements.Select(r => r.Description).ToList())).ToList(),
            catalog.ChildrenOf(p.Code).Select(c => From(c, catalog, limits)).ToList());
    }
}

/// <summary>The configured limit of a step.</summary>
public delegate TimeSpan? TimeLimitsView(string procedureCode, string state);
