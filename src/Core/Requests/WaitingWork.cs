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
        // Steps any party of which may be one of the person's roles, found from the machines (the only open steps a role can wait in).
        var roleSteps = catalog.All.SelectMany(p => p.States.Where(s => !s.IsFinal)
                .Where(s => p.From(s.Name).Any(t => t.Who.Any(w => w.Role is { } r && roles.Contains(r)))
                    || rules.Overrides.Find(p.Code, s.Name)?.Any(x => x.Role is { } r && roles.Contains(r)) == true)
                .Select(s => (p.Code, s.Name)))
            .ToHashSet();
        // The requests alone: most candidates wait on somebody else, so their people are read only for those kept (below).
        var candidates = await db.Requests.AsNoTracking()
            .Where(r => r.ClosedAt == null)
            .Where(Candidates(personId, roleSteps))
            .OrderBy(r => r.Id).Take(MaxCandidates).ToListAsync(cancellationToken);
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
    /// own steps («code = X AND state IN (…)», one per procedure, which the (ProcedureCode, State) index serves), not every
    /// code with every state.
    /// </summary>
    private Expression<Func<Request, bool>> Candidates(long personId, IEnumerable<(string Code, string Name)> roleSteps)
    {
        Expression<Func<Request, bool>> own = r => r.RequesterId == personId || r.AssigneeId == personId
            || db.RequestTesters.Any(t => t.RequestId == r.Id && t.PersonId == personId);
        var body = own.Body;
        foreach (var step in roleSteps.GroupBy(s => s.Code, s => s.Name))
        {
            var code = step.Key;
            var states = step.ToList();
            Expression<Func<Request, bool>> inStep = r => r.ProcedureCode == code && states.Contains(r.State);
            body = Expression.OrElse(body, new Rebind(inStep.Parameters[0], own.Parameters[0]).Visit(inStep.Body));
        }

        return Expression.Lambda<Func<Request, bool>>(body, own.Parameters);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>A request that waits on somebody, with the actions they may take now.</summary>
public sealed record WaitingItem(Request Request, ProcedureDefinition Procedure, IReadOnlyList<TransitionDefinition> Actions, bool IsOverdue);
