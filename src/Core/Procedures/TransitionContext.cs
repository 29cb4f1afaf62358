using SosepBot.Core.People;
using SosepBot.Core.Requests;

namespace SosepBot.Core.Procedures;

/// <summary>Everything a guard may look at: the request as it would be after the input is applied, the actor, the input.</summary>
public sealed class TransitionContext
{
    public required Request Request { get; init; }

    public required Actor Actor { get; init; }

    public ActionInput Input { get; init; } = ActionInput.None;

    /// <summary>Roles of the person chosen in <see cref="ActionInput.AssigneeId"/>; empty when none or unknown.</summary>
    public IReadOnlySet<Role> ChosenAssigneeRoles { get; init; } = new HashSet<Role>();

    /// <summary>State of the parent request (a visit's calendar); null when there is none.</summary>
    public string? ParentState { get; init; }

    /// <summary>The time of the action.</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>The offices' time zone (dates in refusals are written on its wall clock).</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Child requests (visits of a maintenance calendar).</summary>
    public int Children { get; init; }

    /// <summary>Child requests not yet in a final state.</summary>
    public int OpenChildren { get; init; }

    /// <summary>The people named to test the request (DS-UI-01, DS-UI-02), as they would be after the input is applied.</summary>
    public IReadOnlyList<TesterRef> Testers { get; init; } = [];

    /// <summary>Kinds of document generated for the request so far (e.g. the dictamen, DS-UI-05).</summary>
    public IReadOnlySet<Documents.DocumentKind> Documents { get; init; } = new HashSet<Documents.DocumentKind>();

    public bool IsRequester => Request.RequesterId == Actor.PersonId;

    public bool IsTester => Testers.Any(t => t.PersonId == Actor.PersonId);

    public bool IsAssignee => Request.AssigneeId == Actor.PersonId;
}

/// <summary>A designated tester of a request and whether they approved the current round of tests.</summary>
public sealed record TesterRef(long PersonId, bool Approved);
