namespace SosepBot.Core.Units;

/// <summary>
/// A unit of SOSEP (dirección, programa, departamento, sede): whom preventive-maintenance visits go to, and what
/// decides whether its people's support follows DS-UI-04 (central offices) or DS-UI-06 (departmental sites).
/// </summary>
public sealed class Unit
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The name without accents, case or repeated spaces (<see cref="UnitNames.Key"/>); unique.</summary>
    public required string NameKey { get; set; }

    public UnitKind Kind { get; set; }

    /// <summary>One of the 22 departments of Guatemala, as <see cref="UnitNames.Department"/> spells it; null when not known yet (a unit created by the directory sync).</summary>
    public string? Department { get; set; }

    /// <summary>Director or head of the unit.</summary>
    public long? HeadId { get; set; }

    /// <summary>The unit's shared mailbox, which also receives the maintenance reminders.</summary>
    public string? SharedMailbox { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Contact people: they receive the preventive-maintenance notices with the head.</summary>
    public List<UnitContact> Contacts { get; set; } = [];
}
