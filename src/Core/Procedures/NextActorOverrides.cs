namespace SosepBot.Core.Procedures;

/// <summary>Configured replacements of the parties a step waits on (section "Notices:NextActors"), parsed and checked.</summary>
public sealed class NextActorOverrides
{
    private readonly Dictionary<(string Procedure, string State), IReadOnlyList<Party>> _steps = [];

    public static NextActorOverrides None { get; } = new();

    public int Count => _steps.Count;

    public IReadOnlyList<Party>? Find(string procedure, string state) => _steps.GetValueOrDefault((procedure, state));

    /// <summary>Parses "procedure → state → parties"; returns the problems found (unknown procedure, state or party), in English, naming the setting.</summary>
    public static (NextActorOverrides Overrides, IReadOnlyList<string> Errors) Parse(
        IReadOnlyDictionary<string, Dictionary<string, string[]>> configured, ProcedureCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(catalog);
        var result = new NextActorOverrides();
        var errors = new List<string>();
        foreach (var (code, states) in configured)
        {
            var definition = catalog.All.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase));
            if (definition is null)
            {
                errors.Add($"Notices:NextActors:{code} names no procedure; known: {string.Join(", ", catalog.All.Select(p => p.Code))}.");
                continue;
            }

            foreach (var (stateName, tokens) in states)
            {
                var state = definition.States.FirstOrDefault(s => string.Equals(s.Name, stateName, StringComparison.OrdinalIgnoreCase));
                var setting = $"Notices:NextActors:{code}:{stateName}";
                if (state is null || state.IsFinal)
                {
                    errors.Add($"{setting}: '{stateName}' is not a non-final state of {definition.Code}.");
                    continue;
                }

                var parties = new List<Party>();
                foreach (var token in tokens ?? [])
                {
                    if (Party.TryParse(token, out var party))
                    {
                        parties.Add(party);
                    }
                    else
                    {
                        errors.Add($"{setting}: '{token}' is neither 'solicitante', 'asignado' nor a role.");
                    }
                }

                if (parties.Count == 0)
                {
                    errors.Add($"{setting} names nobody; remove it to use the parties derived from the procedure.");
                }

                result._steps[(definition.Code, state.Name)] = parties.Distinct().ToList();
            }
        }

        return (result, errors);
    }
}
