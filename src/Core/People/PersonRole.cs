namespace SosepBot.Core.People;

/// <summary>One role held by one person.</summary>
public sealed class PersonRole
{
    public long PersonId { get; set; }

    public Role Role { get; set; }
}
