using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Errors;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;

namespace SosepBot.Core.Requests;

/// <summary>
/// Who may see a request — its requester, its assignee, IT staff, the holders of a role that acts on its procedure,
/// and its designated testers — and who may have its personal data (<see cref="PersonalDataAccess"/>). The one policy
/// behind the queries, the actions, the files and the mail channel's "takes part" rule (a reply threads onto a
/// request only for a sender who may see it).
/// </summary>
public sealed class RequestVisibility(SosepDbContext db, ProcedureCatalog catalog)
{
    /// <summary>The rule, given whether the actor is one of the request's designated testers.</summary>
    public static bool MaySee(Actor actor, Request request, ProcedureDefinition definition, bool isTester)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(definition);
        return request.RequesterId == actor.PersonId || request.AssigneeId == actor.PersonId || actor.IsItStaff
            || definition.ActingRoles.Any(actor.Holds) || (definition.HasTesters && isTester);
    }

    /// <summary>The rule for a stored request (its testers read only when they could make the difference).</summary>
    public async Task<bool> MaySeeAsync(Actor actor, Request request, CancellationToken cancellationToken)
    {
        var definition = catalog.Get(request.ProcedureCode);
        return MaySee(actor, request, definition, isTester: false)
            || (definition.HasTesters && await IsTesterAsync(request.Id, actor.PersonId, cancellationToken));
    }

    /// <summary>The request's procedure when the actor may see it; otherwise the same "not found" whether it exists or not (numbers are guessable).</summary>
    public async Task<ProcedureDefinition> RequireAsync(Request? request, Actor actor, string number, CancellationToken cancellationToken)
    {
        if (request is not null && await MaySeeAsync(actor, request, cancellationToken))
        {
            return catalog.Get(request.ProcedureCode);
        }

        throw new DomainException(ErrorKind.NotFound, RequestTexts.NotFoundOrNotYours(RequestNumbers.Normalize(number)));
    }

    /// <summary>The same rule as a query filter, for lists.</summary>
    public IQueryable<Request> Visible(IQueryable<Request> query, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsItStaff)
        {
            return query;
        }

        var codes = catalog.All.Where(p => p.ActingRoles.Any(actor.Holds)).Select(p => p.Code).ToList();
        var testerCodes = catalog.All.Where(p => p.HasTesters).Select(p => p.Code).ToList();
        return query.Where(r => r.RequesterId == actor.PersonId || r.AssigneeId == actor.PersonId || codes.Contains(r.ProcedureCode)
            || (testerCodes.Contains(r.ProcedureCode) && db.RequestTesters.Any(t => t.RequestId == r.Id && t.PersonId == actor.PersonId)));
    }

    /// <summary>Refuses (403, in Spanish) an actor who may not have the request's personal data (<see cref="PersonalDataAccess"/>).</summary>
    public async Task RequirePersonalDataAsync(Actor actor, Request request, ProcedureDefinition definition, CancellationToken cancellationToken)
    {
        if (PersonalDataAccess.Allows(actor, request, definition, isTester: false, hasActed: false))
        {
            return;
        }

        var isTester = definition.HasTesters && await IsTesterAsync(request.Id, actor.PersonId, cancellationToken);
        var hasActed = await db.AuditEntries.AsNoTracking()
            .AnyAsync(h => h.RequestId == request.Id && h.ActorId == actor.PersonId && PersonalDataAccess.ActedKinds.Contains(h.Kind), cancellationToken);
        if (!PersonalDataAccess.Allows(actor, request, definition, isTester, hasActed))
        {
            throw PersonalDataAccess.Refusal();
        }
    }

    private Task<bool> IsTesterAsync(long requestId, long personId, CancellationToken cancellationToken) =>
        db.RequestTesters.AsNoTracking().AnyAsync(t => t.RequestId == requestId && t.PersonId == personId, cancellationToken);
}
