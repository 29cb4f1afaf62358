using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;

namespace SosepBot.Core.Requests;

/// <summary>
/// What waits on a person now: the open requests whose current step waits on them (<see cref="NextActorRules"/>:
/// as requester, as assignee or through a role they hold), with the actions they may take, overdue first, then by
/// time limit. The same rule that sends «Le espera» notices, so the queue and the notices agree.
/// </summary>
public sealed class WaitingWork(SosepDbContext db, ProcedureCatalog catalog, NextActorRules rules, Scheduling.TimeLimits timeLimits)
{
    private const int MaxCandidates = 5000;

    public async Task<IReadOnlyList<WaitingItem>> ForAsync(long personId, IReadOnlySet<Role> roles, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roles);
        // The steps that may wait on one of the person's roles, and whether when nobody or somebody is assigned (a
        // superset found from the machines: NextActors.RoleSteps); most open requests wait on somebody else.
        var roleSteps = catalog.All.SelectMany(p => NextActors.RoleSteps(p, rules.Overrides)
                .Where(s => roles.Contains(s.Role))
                .GroupBy(s => s.State)
                .Select(g => new Step(p.Code, g.Key, g.Any(s => s.WhenUnassigned), g.Any(s => s.WhenAssigned))))
            .ToList();
        // The candidates' columns that the rules and a summary read, not the whole row: most candidates wait on somebody
        // else, and the description, form and equipment (some forty columns) would be read for nothing. Their people
        // are read only for those kept (below).
        var candidates = await db.Requests.AsNoTracking()
            .Where(r => r.ClosedAt == null)
            .Where(Candidates(personId, roleSteps))
            .OrderBy(r => r.Id).Take(MaxCandidates)
            .Select(r => new Request
            {
                Id = r.Id,
                Number = r.Number,
                ProcedureCode = r.ProcedureCode,
                State = r.State,
                Title = r.Title,
                RequesterId = r.RequesterId,
                AssigneeId = r.AssigneeId,
                ParentId = r.ParentId,
                OpenedVia = r.OpenedVia,
                Priority = r.Priority,
                CreatedAt = r.CreatedAt,
                UpdatedAt = r.UpdatedAt,
                StateEnteredAt = r.StateEnteredAt,
                DueAt = r.DueAt,
                ScheduledFor = r.ScheduledFor,
                Unit = r.Unit,
                UnitId = r.UnitId,
                Approvals = r.Approvals,
                Version = r.Version,
            })
            .ToListAsync(cancellationToken);
        var parentIds = candidates.Where(r => r.ParentId is not null).Select(r => r.ParentId!.Value).Distinct().ToList();
        var parents = parentIds.Count == 0 ? [] : await db.Requests.AsNoTracking().Where(r => parentIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => r.State, cancellationToken);

        var ids = candidates.Select(r => r.Id).ToList();
        var testers = (await db.RequestTesters.AsNoTracking().Where(t => ids.Contains(t.RequestId)).ToListAsync(cancellationToken))
            .ToLookup(t => t.RequestId, t => new TesterRef(t.PersonId, t.ApprovedAt != null));
        var openChildren = await db.Requests.AsNoTracking().Where(c => c.ParentId != null && ids.Contains(c.ParentId.Value) && c.ClosedAt == null)
            .GroupBy(c => c.ParentId!.Value).Select(g => new { Parent = g.Key, Open = g.Count() })
            .ToDictionaryAsync(g => g.Parent, g => g.Open, cancellationToken);
        var items = new List<WaitingItem>();
        foreach (var request in candidates)
        {
            var parentState = request.ParentId is { } p ? parents.GetValueOrDefault(p) : null;
            var mine = testers[request.Id].ToList();
            var parties = rules.For(request, parentState, mine, openChildren.GetValueOrDefault(request.Id));
            var actions = parties
                .Where(w => w.Kind switch
                {
                    PartyKind.Requester => request.RequesterId == personId,
                    PartyKind.Assignee => request.AssigneeId == personId,
                    PartyKind.Testers => mine.Exists(t => t.PersonId == personId && !t.Approved),
                    _ => roles.Contains(w.Party.Role!.Value),
                })
                .SelectMany(w => w.Actions).Distinct().ToList();
            if (actions.Count > 0 || parties.Any(w => w.Kind == PartyKind.Requester && request.RequesterId == personId))
            {
                items.Add(new WaitingItem(request, catalog.Get(request.ProcedureCode), actions, timeLimits.IsOverdue(request, now)));
            }
        }

        var named = items.SelectMany(i => new[] { (long?)i.Request.RequesterId, i.Request.AssigneeId }).OfType<long>().Distinct().ToList();
        var people = named.Count == 0 ? [] : await db.People.AsNoTracking().Where(p => named.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        foreach (var item in items)
        {
            item.Request.Requester = people.GetValueOrDefault(item.Request.RequesterId);
            item.Request.Assignee = item.Request.AssigneeId is { } a ? people.GetValueOrDefault(a) : null;
        }

        return items.OrderByDescending(i => i.IsOverdue).ThenBy(i => i.Request.DueAt ?? DateTimeOffset.MaxValue).ThenBy(i => i.Request.Id).ToList();
    }

    /// <summary>
    /// The person's own requests (as requester, assignee or tester) or one of their roles' steps: each procedure with its
    /// own steps («code = X AND state IN (…)», which the (ProcedureCode, State) index serves, with «AND AssigneeId IS
    /// [NOT] NULL» for steps that wait on the role only when nobody or only when somebody is assigned).
    /// </summary>
    private Expression<Func<Request, bool>> Candidates(long personId, IEnumerable<Step> roleSteps)
    {
        Expression<Func<Request, bool>> own = r => r.RequesterId == personId || r.AssigneeId == personId
            || db.RequestTesters.Any(t => t.RequestId == r.Id && t.PersonId == personId);
        var body = own.Body;
        foreach (var group in roleSteps.GroupBy(s => (s.Code, s.WhenUnassigned, s.WhenAssigned)))
        {
            var code = group.Key.Code;
            var states = group.Select(s => s.State).ToList();
            Expression<Func<Request, bool>> inStep = (group.Key.WhenUnassigned, group.Key.WhenAssigned) switch
            {
                (true, false) => r => r.ProcedureCode == code && states.Contains(r.State) && r.AssigneeId == null,
                (false, true) => r => r.ProcedureCode == code && states.Contains(r.State) && r.AssigneeId != null,
                _ => r => r.ProcedureCode == code && states.Contains(r.State),
            };
            body = Expression.OrElse(body, new Rebind(inStep.Parameters[0], own.Parameters[0]).Visit(inStep.Body));
        }

        return Expression.Lambda<Func<Request, bool>>(body, own.Parameters);
    }

    private sealed record Step(string Code, string State, bool WhenUnassigned, bool WhenAssigned);

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>
/// A request that waits on somebody, with the actions they may take now. <see cref="Request"/> holds what a summary and
/// the next-actor rules read (number, procedure, state, title, people, dates, unit, sign-offs), not its description,
/// form, equipment, comments or files.
/// </summary>
public sealed record WaitingItem(Request Request, ProcedureDefinition Procedure, IReadOnlyList<TransitionDefinition> Actions, bool IsOverdue);
