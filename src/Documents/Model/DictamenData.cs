using SosepBot.Core.Requests;

namespace SosepBot.Documents.Model;

/// <summary>Everything the dictamen técnico shows (DS-UI-05 steps 3–5).</summary>
internal sealed record DictamenData(
    DocumentStamp Stamp,
    string Title,
    string? Description,
    string RequesterName,
    string? RequesterUnit,
    EquipmentData Equipment,
    string? TechnicianName,
    string? DirectorName,
    IReadOnlyList<Photo> Photos);
