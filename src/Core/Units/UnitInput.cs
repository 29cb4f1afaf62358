namespace SosepBot.Core.Units;

/// <summary>A unit as typed by an administrator or read from the import file. Kind and department as text, checked by <see cref="UnitService"/>.</summary>
public sealed record UnitInput
{
    public string? Name { get; init; }

    /// <summary>"oficina central" (default) or "sede departamental" (also "OficinaCentral", "SedeDepartamental").</summary>
    public string? Kind { get; init; }

    /// <summary>One of the 22 departments of Guatemala.</summary>
    public string? Department { get; init; }

    /// <summary>The head's e-mail (a registered person); empty for none.</summary>
    public string? HeadEmail { get; init; }

    /// <summary>Contact people's e-mails (registered people); on import and change they replace the unit's contacts.</summary>
    public IReadOnlyList<string>? Contacts { get; init; }

    public string? SharedMailbox { get; init; }
}
