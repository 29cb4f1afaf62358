using SosepBot.Core.Attachments;
using SosepBot.Core.People;

namespace SosepBot.Core.Procedures;

/// <summary>A compact way to write a procedure's table; see the files of <c>Procedures/Catalog</c>.</summary>
public sealed class ProcedureBuilder(string code, string name, string description)
{
    private readonly List<StateDefinition> _states = [];
    private readonly List<TransitionBuilder> _transitions = [];
    private readonly HashSet<Role> _openedBy = [];
    private FormRules? _form;
    private string? _parentCode;
    private string[] _parentStates = [];

    public ProcedureBuilder State(string state, string stateDescription, double? limitHours = null, bool waitsOnRequester = false)
    {
        _states.Add(new StateDefinition(state, stateDescription, false, waitsOnRequester,
            limitHours is { } h ? TimeSpan.FromHours(h) : null));
        return this;
    }

    public ProcedureBuilder Final(string state, string stateDescription)
    {
        _states.Add(new StateDefinition(state, stateDescription, IsFinal: true));
        return this;
    }

    public ProcedureBuilder OpenedBy(params Role[] roles)
    {
        _openedBy.UnionWith(roles);
        return this;
    }

    public ProcedureBuilder WithForm(FormRules form)
    {
        _form = form;
        return this;
    }

    public ProcedureBuilder ChildOf(string parentCode, params string[] parentStates)
    {
        _parentCode = parentCode;
        _parentStates = parentStates;
        return this;
    }

    public TransitionBuilder Action(string action, string label)
    {
        var t = new TransitionBuilder(action, label);
        _transitions.Add(t);
        return t;
    }

    public ProcedureDefinition Build()
    {
        var transitions = _transitions.Select(t => t.Build()).ToList();
        var names = _states.Select(s => s.Name).ToHashSet();
        foreach (var t in transitions)
        {
            foreach (var s in t.From.Append(t.To).Where(s => !names.Contains(s)))
            {
                throw new InvalidOperationException($"{code}: action '{t.Action}' names unknown state '{s}'.");
            }

            if (t.From.Any(s => _states.First(x => x.Name == s).IsFinal))
            {
                throw new InvalidOperationException($"{code}: action '{t.Action}' leaves a final state.");
            }
        }

        var duplicated = transitions.GroupBy(t => t.Action).FirstOrDefault(g => g.Count() > 1);
        if (duplicated is not null)
        {
            throw new InvalidOperationException($"{code}: action '{duplicated.Key}' is defined twice.");
        }

        return new ProcedureDefinition
        {
            Code = code,
            Name = name,
            Description = description,
            InitialState = _states[0].Name,
            States = _states,
            Transitions = transitions,
            OpenedBy = _openedBy,
            Form = _form,
            ParentCode = _parentCode,
            ParentStates = _parentStates,
        };
    }

    /// <summary>Builds one transition.</summary>
    public sealed class TransitionBuilder(string action, string label)
    {
        private readonly List<ActorRule> _who = [];
        private readonly List<Requirement> _requirements = [];
        private readonly List<string> _approvalsNeeded = [];
        private int _primary;
        private bool _optional;
        private string[] _from = [];
        private string? _to;
        private string? _textLabel;
        private Role? _assigneeRole;
        private AssignEffect _assign;
        private string? _approval;
        private bool _returnLoop;
        private bool _equipment;
        private bool _plannedEnd;
        private bool _schedule;
        private bool _namesTesters;
        private bool _testsApprovedNeeded;
        private bool _approvesTests;

        public TransitionBuilder From(params string[] states)
        {
            _from = states;
            return this;
        }

        public TransitionBuilder To(string state)
        {
            _to = state;
            return this;
        }

        /// <summary>Holders of any of these roles.</summary>
        public TransitionBuilder By(params Role[] roles)
        {
            _who.AddRange(roles.Select(r => new ActorRule(r, false)));
            return MarkPrimary();
        }

        /// <summary>Holders of the role who are the request's assignee.</summary>
        public TransitionBuilder ByAssigned(params Role[] roles)
        {
            _who.AddRange(roles.Select(r => new ActorRule(r, true)));
            return MarkPrimary();
        }

        public TransitionBuilder ByRequester()
        {
            _who.Add(ActorRule.Requester);
            return MarkPrimary();
        }

        /// <summary>
        /// An alternative the step does not wait on (cancel, reassign, reschedule): whoever may fire it is not told
        /// that the step waits on them.
        /// </summary>
        public TransitionBuilder Optional()
        {
            _optional = true;
            return this;
        }

        /// <summary>The people of the first By…() call are the ones the step waits on (see <see cref="NextActors"/>).</summary>
        private TransitionBuilder MarkPrimary()
        {
            if (_primary == 0)
            {
                _primary = _who.Count;
            }

            return this;
        }

        /// <summary>The request's designated testers (DS-UI-01, DS-UI-02).</summary>
        public TransitionBuilder ByTester()
        {
            _who.Add(ActorRule.Tester);
            return MarkPrimary();
        }

        /// <summary>
        /// The action names the people who must test (replacing those named before); at least one must be named by now.
        /// When <paramref name="required"/>, the input must name them.
        /// </summary>
        public TransitionBuilder NamesTesters(bool required = false)
        {
            _namesTesters = true;
            _requirements.Add(required
                ? new Requirement(ProcedureTexts.NameTesters, c => c.Input.TesterIds is { Count: > 0 }, FromInput: true)
                : new Requirement(ProcedureTexts.NameAtLeastOneTester, c => c.Testers.Count > 0 || c.Input.TesterIds is { Count: > 0 }, FromInput: true));
            return this;
        }

        /// <summary>The acting tester approves the current round of tests.</summary>
        public TransitionBuilder ApprovesTests()
        {
            _approvesTests = true;
            _requirements.Add(new Requirement(ProcedureTexts.NotApprovedYet,
                c => !c.Testers.Any(t => t.PersonId == c.Actor.PersonId && t.Approved),
                Shape: NeedShape.Rule, Broken: ProcedureTexts.AlreadyApproved));
            return this;
        }

        /// <summary>Every designated tester approved the current round of tests.</summary>
        public TransitionBuilder NeedsTestsApproved()
        {
            _testsApprovedNeeded = true;
            _requirements.Add(new Requirement(ProcedureTexts.TestsApproved,
                c => c.Testers.Count > 0 && c.Testers.All(t => t.Approved),
                Explain: c => c.Testers.Count == 0
                    ? ProcedureTexts.TestersAndApproval
                    : ProcedureTexts.TestsApprovedBy(c.Testers.Count(t => !t.Approved), c.Testers.Count),
                Shape: NeedShape.Thing));
            return this;
        }

        /// <summary>A document of one of <paramref name="kinds"/> must have been generated for the request.</summary>
        public TransitionBuilder NeedsDocument(string what, params Documents.DocumentKind[] kinds)
        {
            _requirements.Add(new Requirement(what, c => kinds.Any(c.Documents.Contains), ReadsDocuments: true));
            return this;
        }

        /// <summary>The action needs a text (justification, observations…).</summary>
        public TransitionBuilder NeedsText(string what)
        {
            _textLabel = what;
            _requirements.Add(new Requirement(ProcedureTexts.Indicate(what), c => !string.IsNullOrWhiteSpace(c.Input.Text), FromInput: true));
            return this;
        }

        /// <summary>The action names the person who will do the next step, who must hold <paramref name="role"/>.</summary>
        public TransitionBuilder ChoosesAssignee(Role role)
        {
            _assigneeRole = role;
            _assign = AssignEffect.FromInput;
            _requirements.Add(new Requirement(
                ProcedureTexts.ChooseAssignee(role.ToSpanish()),
                c => c.Input.AssigneeId is not null && c.ChosenAssigneeRoles.Contains(role),
                FromInput: true));
            return this;
        }

        /// <summary>Like <see cref="ChoosesAssignee"/>, but keeps the current assignee when none is chosen.</summary>
        public TransitionBuilder MayChooseAssignee(params Role[] roles)
        {
            _assigneeRole = roles[0];
            _assign = AssignEffect.FromInput;
            var names = TransitionDefinition.JoinSpanish(roles.Select(r => r.ToSpanish()).ToList(), "o");
            _requirements.Add(new Requirement(
                ProcedureTexts.ChosenHoldsRole(names),
                c => c.Input.AssigneeId is null || roles.Any(c.ChosenAssigneeRoles.Contains),
                FromInput: true,
                Shape: NeedShape.Rule,
                Broken: ProcedureTexts.ChosenLacksRole(names)));
            return this;
        }

        public TransitionBuilder AssignsActor()
        {
            _assign = AssignEffect.Actor;
            return this;
        }

        /// <summary>The request leaves its assignee: the next step's owner is still to be chosen or to take it.</summary>
        public TransitionBuilder ReleasesAssignee()
        {
            _assign = AssignEffect.Clear;
            return this;
        }

        public TransitionBuilder NeedsAttachment(AttachmentKind kind)
        {
            _requirements.Add(new Requirement(ProcedureTexts.Attach(kind.ToSpanish()), c => c.Request.HasAttachment(kind), Attachment: kind));
            return this;
        }

        /// <summary>A file of <paramref name="kind"/>, not needed when <paramref name="exempt"/> holds; <paramref name="what"/> says so in Spanish.</summary>
        public TransitionBuilder NeedsAttachment(AttachmentKind kind, string what, Func<TransitionContext, bool> exempt)
        {
            _requirements.Add(new Requirement(what, c => exempt(c) || c.Request.HasAttachment(kind), Attachment: kind));
            return this;
        }

        public TransitionBuilder Needs(string what, Func<TransitionContext, bool> isMet, bool fromInput = false)
        {
            _requirements.Add(new Requirement(what, isMet, fromInput));
            return this;
        }

        /// <summary>A rule rather than something missing: <paramref name="what"/> («que …») lists it, <paramref name="broken"/> refuses.</summary>
        public TransitionBuilder NeedsRule(string what, string broken, Func<TransitionContext, bool> isMet)
        {
            _requirements.Add(new Requirement(what, isMet, Shape: NeedShape.Rule, Broken: broken));
            return this;
        }

        /// <summary>A requirement whose refusal names exactly what is missing.</summary>
        public TransitionBuilder Needs(string what, Func<TransitionContext, bool> isMet, Func<TransitionContext, string> explain)
        {
            _requirements.Add(new Requirement(what, isMet, Explain: explain));
            return this;
        }

        /// <summary>The parent request (a visit's calendar) must be in <paramref name="state"/>.</summary>
        public TransitionBuilder NeedsParentIn(string state, string what)
        {
            _requirements.Add(new Requirement(what, c => c.ParentState == state, Kind: Errors.ErrorKind.InvalidState));
            return this;
        }

        /// <summary>A maintenance visit is not recorded as done before the day it is scheduled for (offices' calendar).</summary>
        public TransitionBuilder NotBeforeScheduledDay()
        {
            _requirements.Add(new Requirement(
                ProcedureTexts.ScheduledDay,
                c => c.Request.ScheduledFor is not { } at || LocalDay(c.Now, c.TimeZone) >= LocalDay(at, c.TimeZone),
                Explain: c => c.Request.ScheduledFor is { } at
                    ? ProcedureTexts.ScheduledDayOn(LocalDay(at, c.TimeZone))
                    : ProcedureTexts.ScheduledDay,
                Kind: Errors.ErrorKind.InvalidState));
            return this;
        }

        private static DateOnly LocalDay(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

        /// <summary>Every child request (a calendar's visits) must be in a final state: until then the action is not available (409).</summary>
        public TransitionBuilder NeedsChildrenClosed(string what)
        {
            _requirements.Add(new Requirement(what, c => c.OpenChildren == 0, Kind: Errors.ErrorKind.InvalidState));
            return this;
        }

        public TransitionBuilder RecordsApproval(string approval)
        {
            _approval = approval;
            _requirements.Add(new Requirement(
                ProcedureTexts.NotRecordedYet(label), c => !c.Request.Approvals.Contains(approval),
                Shape: NeedShape.Rule, Broken: ProcedureTexts.AlreadyRecorded(label)));
            return this;
        }

        /// <summary>A sign-off recorded by another action; <paramref name="what"/> is a noun phrase (<paramref name="shape"/>: one or several).</summary>
        public TransitionBuilder NeedsApproval(string approval, string what, NeedShape shape = NeedShape.Thing)
        {
            _approvalsNeeded.Add(approval);
            _requirements.Add(new Requirement(what, c => c.Request.Approvals.Contains(approval), Shape: shape));
            return this;
        }

        /// <summary>Marks one of the manual's "return to step N" loops (shown in the docs; sign-offs of the step are cleared as on any step change).</summary>
        public TransitionBuilder SendsBack()
        {
            _returnLoop = true;
            return this;
        }

        public TransitionBuilder RecordsEquipment()
        {
            _equipment = true;
            return this;
        }

        public TransitionBuilder SetsPlannedEnd()
        {
            _plannedEnd = true;
            _requirements.Add(new Requirement(ProcedureTexts.PlannedEnd, c => c.Input.PlannedEnd is not null, FromInput: true));
            return this;
        }

        public TransitionBuilder SetsSchedule()
        {
            _schedule = true;
            _requirements.Add(new Requirement(ProcedureTexts.NewVisitDate, c => c.Input.ScheduledFor is not null, FromInput: true));
            return this;
        }

        internal TransitionDefinition Build() => new()
        {
            Action = action,
            Label = label,
            From = _from.Length > 0 ? _from : throw new InvalidOperationException($"Action '{action}' has no source state."),
            To = _to ?? throw new InvalidOperationException($"Action '{action}' has no destination."),
            Who = _who.Count > 0 ? _who : throw new InvalidOperationException($"Action '{action}' names nobody who may fire it."),
            Requirements = _requirements,
            TextLabel = _textLabel,
            AssigneeRole = _assigneeRole,
            Assign = _assign,
            RecordsApproval = _approval,
            IsReturnLoop = _returnLoop,
            IsOptional = _optional,
            Primary = _who.Take(_primary).ToList(),
            ApprovalsNeeded = _approvalsNeeded,
            AppliesEquipment = _equipment,
            SetsPlannedEnd = _plannedEnd,
            SetsSchedule = _schedule,
            NamesTesters = _namesTesters,
            NeedsTestsApproved = _testsApprovedNeeded,
            ApprovesTests = _approvesTests,
        };
    }
}
