namespace SosepBot.Core.People;

/// <summary>
/// One page of a people search: <paramref name="People"/> of page <paramref name="Page"/> (from 1) of
/// <paramref name="Pages"/>, and <paramref name="Total"/> people matching in all.
/// </summary>
public sealed record PeoplePage(IReadOnlyList<Person> People, int Total, int Page, int Pages);
