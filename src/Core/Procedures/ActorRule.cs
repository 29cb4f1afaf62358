using SosepBot.Core.People;

namespace SosepBot.Core.Procedures;

/// <summary>
/// Who may fire a transition: holders of <see cref="Role"/> (only the assignee when <see cref="MustBeAssignee"/>),
/// the request's requester, or one of the request's designated testers (<see cref="Kind"/>).
/// </summary>
public sealed record ActorRule(Role? Role, bool MustBeAssignee, ActorRuleKind Kind = ActorRuleKind.Role)
{
    public static ActorRule Requester { get; } = new(null, false, ActorRuleKind.Requester);

    /// <summary>A person named as a tester of the request (DS-UI-01, DS-UI-02 end-user tests).</summary>
    public static ActorRule Tester { get; } = new(null, false, ActorRuleKind.Tester);

    public bool IsRequester => Kind == ActorRuleKind.Requester;

    public bool IsTester => Kind == ActorRuleKind.Tester;

    public string Describe() => Kind switch
    {
        ActorRuleKind.Requester => "el solicitante",
        ActorRuleKind.Tester => "un usuario de pruebas designado",
        _ when MustBeAssignee => $"{Role!.Value.ToSpanish()} (asignado)",
        _ => Role!.Value.ToSpanish(),
    };

    /// <summary>The name of the role the actor acted in, for the audit.</summary>
    public string AuditRole() => Kind switch
    {
        ActorRuleKind.Requester => RoleNames.Requester,
        ActorRuleKind.Tester => RoleNames.Tester,
        _ => Role!.Value.ToSpanish(),
    };
}

/// <summary>What an <see cref="ActorRule"/> matches on.</summary>
public enum ActorRuleKind
{
    /// <summary>A role (possibly only its holder who is the assignee).</summary>
    Role = 0,

    Requester = 1,

    /// <summary>A person named as a tester of the request.</summary>
    Tester = 2,
}
