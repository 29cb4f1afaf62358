using SosepBot.Core.Attachments;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;

namespace SosepBot.Core.Tests.Procedures;

/// <summary>In-memory requests, actors and contexts for checking the procedure engine without a database.</summary>
internal static class Engine
{
    public const long RequesterId = 1;
    public const long AssigneeId = 2;
    public const long OtherId = 3;
    public const long ChosenId = 4;
    public const long TesterId = 5;

    public static readonly ProcedureCatalog Catalog = new();

    public static readonly IReadOnlyList<Role> AllRoles = Enum.GetValues<Role>();

    /// <summary>Every sign-off some transition of the catalog records.</summary>
    public static readonly IReadOnlyList<string> KnownApprovals =
        Catalog.All.SelectMany(p => p.Transitions).Select(t => t.RecordsApproval).OfType<string>().Distinct().ToList();

    public static ProcedureDefinition Definition(string code) => Catalog.Get(code);

    public static TransitionDefinition Transition(string code, string action) =>
        Definition(code).Transition(action) ?? throw new InvalidOperationException($"{code} has no action {action}.");

    /// <summary>A bare request: no attachments, no data, requester <see cref="RequesterId"/>, assignee <see cref="AssigneeId"/>.</summary>
    public static Request BareRequest(ProcedureDefinition definition, string state) => new()
    {
        Number = "UI-2026-00001",
        ProcedureCode = definition.Code,
        State = state,
        Title = "Prueba",
        RequesterId = RequesterId,
        AssigneeId = AssigneeId,
    };

    /// <summary>A request that has everything any guard may ask for: every kind of attachment, full equipment data, a plan end date.</summary>
    public static Request CompleteRequest(ProcedureDefinition definition, string state, ChangeKind changeKind, IEnumerable<string> approvals)
    {
        var request = BareRequest(definition, state);
        request.Attachments = Enum.GetValues<AttachmentKind>().Select((k, i) => new Attachment
        {
            Id = i + 1,
            Kind = k,
            FileName = $"{k}.pdf",
            ContentType = "application/pdf",
            Sha256 = new string('a', 64),
            StorageKey = $"k/{k}",
        }).ToList();
        request.Equipment = new EquipmentData
        {
            Brand = "Dell", Model = "OptiPlex 3080", Colour = "Negro", SerialNumber = "SN123", AssetNumber = "BIEN-1",
        };
        request.PlannedEnd = new DateOnly(2026, 4, 30);
        request.Form = new FormData { ChangeKind = changeKind };
        request.Approvals = [.. approvals];
        return request;
    }

    /// <summary>Input that answers every question an action may ask.</summary>
    public static ActionInput FullInput { get; } = new()
    {
        Text = "Motivo de prueba",
        AssigneeId = ChosenId,
        PlannedEnd = new DateOnly(2026, 4, 30),
        ScheduledFor = new DateTimeOffset(2026, 3, 20, 15, 0, 0, TimeSpan.Zero),
        Checklist = ["teclado", "mouse", "monitor", "cpu"],
        TesterIds = [TesterId],
    };

    public static Actor Person(long id, params Role[] roles) => new(id, $"Persona {id}", roles.ToHashSet(), Channel.Api);

    /// <summary>The actor who satisfies exactly <paramref name="rule"/>: the requester with no role, the assignee holding the role, or somebody else holding it.</summary>
    public static Actor ActorFor(ActorRule rule) => rule.Kind switch
    {
        ActorRuleKind.Requester => Person(RequesterId),
        ActorRuleKind.Tester => Person(TesterId),
        _ => Person(rule.MustBeAssignee ? AssigneeId : OtherId, rule.Role!.Value),
    };

    /// <summary>A bare request (<see cref="BareRequest"/>) whose only designated tester is <see cref="TesterId"/>, who approved nothing.</summary>
    public static TransitionContext Bare(ProcedureDefinition definition, string state, Actor actor) => new()
    {
        Request = BareRequest(definition, state),
        Actor = actor,
        Testers = [new TesterRef(TesterId, false)],
    };

    /// <summary>
    /// Contexts in which every requirement that does not depend on the kind of change, on sign-offs, on the testers'
    /// approval or on nobody being assigned is met (a sub-procedure's parent is in execution, every document generated,
    /// <see cref="TesterId"/> designated); one of them meets them all (the guards of DS-UI-07 depend on the kind, those
    /// of DS-UI-02/05/08 on sign-offs, those of DS-UI-01/02 on the testers' approval, «tomar» on nobody having it).
    /// </summary>
    public static IEnumerable<TransitionContext> Complete(ProcedureDefinition definition, string state, Actor actor)
    {
        foreach (var kind in Enum.GetValues<ChangeKind>())
        {
            foreach (var approvals in new[] { Array.Empty<string>(), KnownApprovals })
            {
                foreach (var approved in new[] { false, true })
                {
                    yield return Context(definition, state, actor, kind, approvals, approved);
                }
            }

            var unassigned = Context(definition, state, actor, kind, KnownApprovals, false);
            unassigned.Request.AssigneeId = null;
            yield return unassigned;
        }
    }

    private static TransitionContext Context(ProcedureDefinition definition, string state, Actor actor, ChangeKind kind, IEnumerable<string> approvals, bool testsApproved) => new()
    {
        Request = CompleteRequest(definition, state, kind, approvals),
        Actor = actor,
        Input = FullInput,
        ChosenAssigneeRoles = AllRoles.ToHashSet(),
        Children = 1,
        OpenChildren = 0,
        ParentState = definition.ParentCode is null ? null : "En ejecución",
        Testers = [new TesterRef(TesterId, testsApproved)],
        Documents = Enum.GetValues<Documents.DocumentKind>().ToHashSet(),
    };

    /// <summary>"InfraHead", "@Technician" (only the assignee), "Solicitante".</summary>
    public static string Describe(ActorRule rule) =>
        rule.IsRequester ? RoleNames.Requester : rule.IsTester ? RoleNames.Tester : (rule.MustBeAssignee ? "@" : string.Empty) + rule.Role!.Value;
}
