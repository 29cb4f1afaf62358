namespace SosepBot.Core.Scheduling;

/// <summary>
/// Overrides of the steps' time limits, in business hours, per procedure and state. Section "TimeLimits",
/// e.g. <c>"TimeLimits": { "Hours": { "DS-UI-04": { "Abierto": 2 } } }</c>. Zero removes a step's limit.
/// </summary>
public sealed class TimeLimitOptions
{
    public const string SectionName = "TimeLimits";

    public Dictionary<string, Dictionary<string, double>> Hours { get; } = new(StringComparer.OrdinalIgnoreCase);
}
