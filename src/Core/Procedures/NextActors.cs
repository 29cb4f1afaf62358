using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Requests;

namespace SosepBot.Core.Procedures;

/// <summary>
/// Who must act now on a request, derived from its procedure's machine: for each action of the current step that
/// the step waits on (not an <see cref="TransitionDefinition.IsOptional"/> alternative, not a "return to step N"
/// loop, not blocked by another person's sign-off or by the parent's state), the people of its first By…() call —
/// or the request's assignee when the action is also the assignee's and somebody is assigned. A step that waits
/// on the requester waits on the requester only. Configuration may replace the parties of any step
/// (<see cref="NextActorOverrides"/>).
/// </summary>
public static class NextActors
{
    private static readonly Actor Nobody = new(0, "-", new HashSet<Role>(), Channel.System);

    /// <summary>The parties the request waits on now, each with the actions it waits for; empty in a final state.</summary>
    /// <param name="definition">The request's procedure.</param>
    /// <param name="request">The request as it is now.</param>
    /// <param name="parentState">The state of its parent (a visit's calendar), if any.</param>
    /// <param name="overrides">Configured replacements.</param>
    /// <param name="testers">Its designated testers and whether each approved the current round (DS-UI-01/02).</param>
    /// <param name="openChildren">How many of its children (a calendar's visits) are not in a final state.</param>
    public static IReadOnlyList<WaitingParty> For(
        ProcedureDefinition definition, Request request, string? parentState = null, NextActorOverrides? overrides = null,
        IReadOnlyList<TesterRef>? testers = null, int openChildren = 0)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(request);
        var state = definition.States.FirstOrDefault(s => s.Name == request.State);
        if (state is null || state.IsFinal)
        {
            return [];
        }

        var context = new TransitionContext { Request = request, Actor = Nobody, ParentState = parentState, Testers = testers ?? [], OpenChildren = openChildren };
        var open = definition.From(state.Name).Where(t => IsOpen(t, context)).ToList();
        if (overrides?.Find(definition.Code, state.Name) is { } parties)
        {
            return parties.Select(p => new WaitingParty(p, open.Where(t => !t.IsOptional && t.Who.Any(w => p.Covers(w))).ToList()))
                .Where(p => p.Actions.Count > 0 || p.Kind == PartyKind.Role)
                .ToList();
        }

        if (state.WaitsOnRequester)
        {
            var answers = open.Where(t => t.Who.Any(w => w.IsRequester)).ToList();
            return [new WaitingParty(Party.Requester, answers)];
        }

        var awaited = open.Where(t => !t.IsOptional && !t.IsReturnLoop).ToList();
        if (request.AssigneeId is not null && awaited.Exists(t => t.Primary.Any(r => r.MustBeAssignee)))
        {
            // Somebody holds the work: assigning it is no longer awaited.
            awaited = awaited.FindAll(t => t.Assign == AssignEffect.None);
        }

        var everyTesterApproved = testers is { Count: > 0 } && testers.All(x => x.Approved);
        return awaited
            .SelectMany(t => PartiesOf(t, request).Select(p => (Party: p, Action: t)))
            .Where(x => !(x.Party.Kind == PartyKind.Testers && everyTesterApproved))
            .GroupBy(x => x.Party)
            .Select(g => new WaitingParty(g.Key, g.Select(x => x.Action).ToList()))
            .ToList();
    }

    /// <summary>Every state of the procedure with the parties it waits on when nobody is assigned and when somebody is (for the docs).</summary>
    public static IEnumerable<(StateDefinition State, IReadOnlyList<WaitingParty> Unassigned, IReadOnlyList<WaitingParty> Assigned)> Table(
        ProcedureDefinition definition, NextActorOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        foreach (var state in definition.States.Where(s => !s.IsFinal))
        {
            var parentState = definition.ParentStates.Count > 0 ? definition.ParentStates[^1] : null;
            var request = new Request { Number = "-", ProcedureCode = definition.Code, State = state.Name, Title = "-", RequesterId = 1 };
            var unassigned = For(definition, request, parentState, overrides);
            request.AssigneeId = 2;
            yield return (state, unassigned, For(definition, request, parentState, overrides));
        }
    }

    /// <summary>
    /// Every role that a request of the procedure may wait on in each open step, whatever its sign-offs, testers,
    /// parent and children (those only take parties away, see <see cref="For"/>), and whether it may when nobody is
    /// assigned and when somebody is: a superset of what <see cref="For"/> answers, narrow enough for a query to
    /// select the candidates of a role's queue.
    /// </summary>
    public static IEnumerable<RoleStep> RoleSteps(ProcedureDefinition definition, NextActorOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        foreach (var state in definition.States.Where(s => !s.IsFinal))
        {
            if (overrides?.Find(definition.Code, state.Name) is { } parties)
            {
                foreach (var role in parties.Where(p => p.Kind == PartyKind.Role).Select(p => p.Role!.Value).Distinct())
                {
                    yield return new RoleStep(state.Name, role, WhenUnassigned: true, WhenAssigned: true);
                }

                continue;
            }

            if (state.WaitsOnRequester)
            {
                continue;
            }

            var awaited = definition.From(state.Name).Where(t => !t.IsOptional && !t.IsReturnLoop).ToList();
            var request = new Request { Number = "-", ProcedureCode = definition.Code, State = state.Name, Title = "-" };
            var unassigned = RolesOf(awaited, request);
            request.AssigneeId = 1;
            // As in For: once somebody holds the work, assigning it is not awaited — certain only when the assignee's
            // action is open whatever the request's sign-offs, testers, parent and children.
            var assigned = RolesOf(awaited.Exists(t => t.Primary.Any(r => r.MustBeAssignee) && AlwaysOpen(t))
                ? awaited.FindAll(t => t.Assign == AssignEffect.None) : awaited, request);
            foreach (var role in unassigned.Union(assigned))
            {
                yield return new RoleStep(state.Name, role, unassigned.Contains(role), assigned.Contains(role));
            }
        }
    }

    private static bool AlwaysOpen(TransitionDefinition t) => t.RecordsApproval is null && !t.NeedsTestsApproved
        && t.ApprovalsNeeded.Count == 0 && !t.Requirements.Any(r => r.Kind == ErrorKind.InvalidState);

    private static HashSet<Role> RolesOf(IEnumerable<TransitionDefinition> awaited, Request request) =>
        awaited.SelectMany(t => PartiesOf(t, request)).Where(p => p.Kind == PartyKind.Role).Select(p => p.Role!.Value).ToHashSet();

    private static IEnumerable<Party> PartiesOf(TransitionDefinition t, Request request)
    {
        var primary = t.Primary.Count > 0 ? t.Primary : t.Who;
        if (request.AssigneeId is not null && !primary.Any(r => r.IsRequester || r.IsTester) && t.Who.Any(r => r.MustBeAssignee))
        {
            return [Party.Assignee];
        }

        return primary.Select(r => r switch
        {
            { IsRequester: true } => Party.Requester,
            { IsTester: true } => Party.Testers,
            { MustBeAssignee: true } when request.AssigneeId is not null => Party.Assignee,
            _ => Party.Holders(r.Role!.Value),
        }).Distinct();
    }

    /// <summary>False when another person's sign-off is still missing, this action's own sign-off is recorded, or the parent is elsewhere.</summary>
    private static bool IsOpen(TransitionDefinition t, TransitionContext context)
    {
        var approvals = context.Request.Approvals;
        if (t.RecordsApproval is { } own && approvals.Contains(own))
        {
            return false;
        }

        if (t.NeedsTestsApproved && !(context.Testers.Count > 0 && context.Testers.All(x => x.Approved)))
        {
            return false;
        }

        return t.ApprovalsNeeded.All(approvals.Contains)
            && t.Requirements.Where(r => r.Kind == ErrorKind.InvalidState).All(r => r.IsMet(context));
    }
}

/// <summary>A role a step may wait on (<see cref="NextActors.RoleSteps"/>), when nobody is assigned and/or when somebody is.</summary>
public sealed record RoleStep(string State, Role Role, bool WhenUnassigned, bool WhenAssigned);
