using SosepBot.Core.Validation;

namespace SosepBot.Core.Requests;

/// <summary>One field of the forms DI-Frm_001 … 004 (<see cref="FormData"/>), as the API documents and refusals name it.</summary>
/// <param name="Property">The <see cref="FormData"/> property («ChangeKind»); its JSON name is camelCase («changeKind»).</param>
/// <param name="Name">Its Spanish name and gender.</param>
/// <param name="Description">A Spanish sentence saying what goes in it.</param>
/// <param name="Allowed">Its allowed values, when it has a closed list (empty for free text).</param>
/// <param name="Forms">The forms that carry it.</param>
public sealed record FormField(string Property, FieldName Name, string Description, IReadOnlyList<string> Allowed, IReadOnlyList<string> Forms)
{
    public string JsonName => char.ToLowerInvariant(Property[0]) + Property[1..];
}
