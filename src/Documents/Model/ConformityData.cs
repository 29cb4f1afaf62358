using SosepBot.Core.Requests;

namespace SosepBot.Documents.Model;

/// <summary>The maintenance conformity form of one DS-UI-03 visit.</summary>
internal sealed record ConformityData(
    DocumentStamp Stamp,
    string? CalendarNumber,
    string? Unit,
    DateTime? ScheduledFor,
    string? TechnicianName,
    bool CleaningDone,
    EquipmentData? Equipment);
