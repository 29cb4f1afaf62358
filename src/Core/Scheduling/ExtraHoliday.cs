namespace SosepBot.Core.Scheduling;

/// <summary>
/// A full day off declared outside the Código de Trabajo (a government "asueto"), read from
/// configuration, e.g. <c>{ "Date": "2026-03-16", "Name": "Asueto por acuerdo gubernativo" }</c>.
/// </summary>
public sealed class ExtraHoliday
{
    /// <summary>The date, written "yyyy-MM-dd" in configuration.</summary>
    public DateOnly Date { get; set; }

    /// <summary>Spanish name shown to users; optional.</summary>
    public string Name { get; set; } = "Asueto";
}
