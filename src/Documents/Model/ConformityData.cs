using SosepBot.Core.Requests;

namespace SosepBot.Documents.Model;

/// <summary>The maintenance conformity form of one DS-UI-03 visit: the unit and its head, the technician, and what was recorded when the visit was done.</summary>
internal sealed record ConformityData(
    DocumentStamp Stamp,
    string? CalendarNumber,
    string? Unit,
    string? UnitHead,
    DateTime? ScheduledFor,
    string? TechnicianName,
    bool CleaningDone,
    DateTime? RealizedAt,
    string? Observations,
    EquipmentData? Equipment);
