using System.Collections.Frozen;
using SosepBot.Core.Procedures.Catalog;

namespace SosepBot.Core.Procedures;

/// <summary>Every procedure of the manual, built once.</summary>
public sealed class ProcedureCatalog
{
    private readonly FrozenDictionary<string, ProcedureDefinition> _byCode;

    public ProcedureCatalog()
    {
        All =
        [
            NewApplication.Build(),
            ApplicationChange.Build(),
            PreventiveMaintenance.Calendar(),
            PreventiveMaintenance.Visit(),
            SupportTicket.Technical(),
            TechnicalOpinion.Build(),
            SupportTicket.Departmental(),
            AccountRequest.Domain(),
            BsosepUser.Build(),
            AccountRequest.Finance(),
        ];
        _byCode = All.ToFrozenDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>All definitions, sub-procedures included.</summary>
    public IReadOnlyList<ProcedureDefinition> All { get; }

    /// <summary>The manual's nine procedures (without sub-procedures such as the maintenance visit).</summary>
    public IEnumerable<ProcedureDefinition> Procedures => All.Where(p => p.ParentCode is null);

    /// <summary>Sub-procedures of <paramref name="code"/> (the visits of DS-UI-03).</summary>
    public IEnumerable<ProcedureDefinition> ChildrenOf(string code) =>
        All.Where(p => string.Equals(p.ParentCode, code, StringComparison.OrdinalIgnoreCase));

    public ProcedureDefinition? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var p) ? p : null;

    public ProcedureDefinition Get(string code) =>
        Find(code) ?? throw new KeyNotFoundException($"Unknown procedure '{code}'.");
}
