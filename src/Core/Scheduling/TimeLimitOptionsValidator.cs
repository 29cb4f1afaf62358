using Microsoft.Extensions.Options;
using SosepBot.Core.Procedures;

namespace SosepBot.Core.Scheduling;

/// <summary>Refuses limits for procedures or states that do not exist, and negative hours.</summary>
public sealed class TimeLimitOptionsValidator(ProcedureCatalog catalog) : IValidateOptions<TimeLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, TimeLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (code, states) in options.Hours)
        {
            var definition = catalog.Find(code);
            if (definition is null)
            {
                failures.Add($"TimeLimits:Hours:{code} names a procedure that does not exist.");
                continue;
            }

            foreach (var (state, hours) in states)
            {
                if (!definition.States.Any(s => s.Name == state))
                {
                    failures.Add($"TimeLimits:Hours:{code}:{state} names a state that {code} does not have.");
                }

                if (hours < 0 || double.IsNaN(hours))
                {
                    failures.Add($"TimeLimits:Hours:{code}:{state} must be zero or more hours.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
