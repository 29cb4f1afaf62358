namespace SosepBot.Core.Units;

/// <summary>Where a unit works: the central offices in Guatemala City, or a departmental site (its people's support follows DS-UI-06).</summary>
public enum UnitKind
{
    OficinaCentral,
    SedeDepartamental,
}
