using SosepBot.Core.Requests;

namespace SosepBot.Core.Units;

/// <summary>A unit as shown: kind in code and in Spanish, head and contacts by name and e-mail, how many people belong to it.</summary>
public sealed record UnitView(
    long Id,
    string Name,
    UnitKind Kind,
    string KindName,
    string? Department,
    PersonRef? Head,
    IReadOnlyList<PersonRef> Contacts,
    string? SharedMailbox,
    int People);
