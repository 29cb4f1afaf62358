namespace SosepBot.Core.Units;

/// <summary>A contact person of a unit.</summary>
public sealed class UnitContact
{
    public long UnitId { get; set; }

    public long PersonId { get; set; }
}
