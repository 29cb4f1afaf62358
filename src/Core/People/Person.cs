namespace SosepBot.Core.People;

/// <summary>Somebody who uses the helpdesk: SOSEP staff and the IT unit's own people.</summary>
public sealed class Person
{
    private string displayName = string.Empty;
    private string email = string.Empty;

    public long Id { get; set; }

    public required string DisplayName
    {
        get => displayName;
        set
        {
            displayName = value;
            SearchName = Requests.SearchText.OfPerson(value, email);
        }
    }

    /// <summary>Institutional mail; unique, stored lower-case.</summary>
    public required string Email
    {
        get => email;
        set
        {
            email = value;
            SearchName = Requests.SearchText.OfPerson(displayName, value);
        }
    }

    /// <summary>Name and e-mail folded («pérez» → «perez»), kept in step by their setters; what the console's people search reads.</summary>
    public string SearchName { get; private set; } = string.Empty;

    /// <summary>The unit (dirección, programa, sede) the person belongs to, as text: the unit's name once <see cref="UnitId"/> is set.</summary>
    public string? Unit { get; set; }

    /// <summary>The registered unit (<see cref="Units.Unit"/>) the person belongs to.</summary>
    public long? UnitId { get; set; }

    /// <summary>
    /// True for people of departmental sites: their support tickets follow DS-UI-06. For a person in a unit it is the
    /// unit's kind (kept in step by <see cref="Units.UnitService"/>); for a person without a unit, as registered.
    /// </summary>
    public bool IsDepartmentalSite { get; set; }

    /// <summary>Entra ID object id, where known (never parsed as a Guid: test tenants use other shapes).</summary>
    public string? AadObjectId { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Whether work that waits on the person is told at once and in the daily summary, or in the summary only.</summary>
    public NoticeMode Notices { get; set; } = NoticeMode.Immediate;

    public DateTimeOffset CreatedAt { get; set; }

    public List<PersonRole> Roles { get; set; } = [];

    public bool Holds(Role role) => Roles.Exists(r => r.Role == role);
}
