using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Audit;
using SosepBot.Core.Attachments;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;

namespace SosepBot.Core.Requests;

/// <summary>Reads requests as the actor may see them (<see cref="RequestVisibility"/>): one with its details, a list, what waits on the actor.</summary>
public sealed class RequestQueries(
    SosepDbContext db,
    ProcedureCatalog catalog,
    RequestVisibility visibility,
    RequestRecords records,
    WaitingWork waiting,
    Scheduling.BusinessCalendar calendar,
    TimeProvider time)
{
    private static readonly Func<SosepDbContext, string, CancellationToken, Task<Request?>> ByNumber =
        EF.CompileAsyncQuery((SosepDbContext d, string number, CancellationToken ct) =>
            d.Requests.AsNoTracking().Include(r => r.Requester).Include(r => r.Assignee).FirstOrDefault(r => r.Number == number));

    private static readonly Func<SosepDbContext, long, IAsyncEnumerable<AuditEntry>> HistoryOf =
        EF.CompileAsyncQuery((SosepDbContext d, long id) => d.AuditEntries.AsNoTracking().Where(h => h.RequestId == id));

    private static readonly Func<SosepDbContext, long, IAsyncEnumerable<Comment>> CommentsOf =
        EF.CompileAsyncQuery((SosepDbContext d, long id) => d.Comments.AsNoTracking().Where(c => c.RequestId == id));

    private static readonly Func<SosepDbContext, long, IAsyncEnumerable<Attachment>> AttachmentsOf =
        EF.CompileAsyncQuery((SosepDbContext d, long id) => d.Attachments.AsNoTracking().Where(a => a.RequestId == id));

    public async Task<RequestDetails> GetAsync(Actor actor, string number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var request = await ByNumber(db, RequestNumbers.Normalize(number), cancellationToken);
        var definition = await visibility.RequireAsync(request, actor, number, cancellationToken);

        // The collections by the request's id, once it is known to be visible: three plain queries instead of a split
        // query whose every part repeats the request's lookup and joins. Compiled once (every status asked in Teams
        // or by mail reads them): no expression tree to build and look up per call.
        var id = request!.Id;
        request.History = await HistoryOf(db, id).ToListAsync(cancellationToken);
        request.Comments = await CommentsOf(db, id).ToListAsync(cancellationToken);
        request.Attachments = await AttachmentsOf(db, id).ToListAsync(cancellationToken);
        // Only procedures that other procedures hang from (a calendar's visits) have children to look for.
        var children = catalog.ChildrenOf(definition.Code).Any()
            ? await db.Requests.AsNoTracking().Where(c => c.ParentId == request!.Id)
                .Select(c => new ChildRef(c.Number, c.ProcedureCode, c.State)).ToListAsync(cancellationToken)
            : [];
        // The parent's number and state in one read.
        var parent = request!.ParentId is { } pid
            ? await db.Requests.AsNoTracking().Where(p => p.Id == pid).Select(p => new { p.Number, p.State }).FirstOrDefaultAsync(cancellationToken)
            : null;

        var testers = definition.HasTesters
            ? await db.RequestTesters.AsNoTracking().Where(t => t.RequestId == id).OrderBy(t => t.Id).ToListAsync(cancellationToken)
            : [];
        var documents = await RequestRecords.DocumentsAsync(db, definition, id, cancellationToken);

        // The history carries its actors' names; only the comments', testers' and files' names are looked up (and only when there are some).
        var authors = request.Comments.Count > 0 || testers.Count > 0 || request.Attachments.Count > 0
            ? await RequestRecords.NamesAsync(db,
                request.Comments.Select(c => c.AuthorId).Concat(testers.Select(t => t.PersonId)).Concat(request.Attachments.Select(a => a.UploadedById)), cancellationToken)
            : [];
        var personalData = PersonalDataAccess.Allows(actor, request, definition,
            testers.Any(t => t.PersonId == actor.PersonId),
            request.History.Any(h => h.ActorId == actor.PersonId && PersonalDataAccess.ActedKinds.Contains(h.Kind)));
        return records.Details(request, definition, actor, children, parent?.Number, parent?.State, authors, testers, documents, personalData);
    }

    /// <summary>What waits on the actor now: the first <paramref name="take"/> (see the overload with a skip).</summary>
    public Task<WaitingList> WaitingOnAsync(Actor actor, int take, CancellationToken cancellationToken) =>
        WaitingOnAsync(actor, 0, take, cancellationToken);

    /// <summary>
    /// What waits on the actor now (see <see cref="WaitingWork"/>), overdue first, then by time limit: <paramref name="take"/>
    /// (1–500) of them after the first <paramref name="skip"/>; and how many wait in all, per procedure.
    /// </summary>
    public async Task<WaitingList> WaitingOnAsync(Actor actor, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var items = await waiting.ForAsync(actor.PersonId, actor.Roles, time.GetUtcNow(), cancellationToken);
        var shown = items.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500))
            .Select(i => new WaitingView(records.Summarize(i.Request, i.Procedure), i.Actions.Select(a => new WaitingAction(a.Action, a.Label)).ToList()))
            .ToList();
        var queues = items.GroupBy(i => i.Procedure)
            .Select(g => new WaitingCount(g.Key.Code, g.Key.Name, g.Count(), g.Count(i => i.IsOverdue)))
            .OrderBy(q => q.Code, StringComparer.Ordinal).ToList();
        return new WaitingList(shown, items.Count, queues);
    }

    public async Task<IReadOnlyList<RequestSummary>> ListAsync(Actor actor, RequestFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        var query = visibility.Visible(db.Requests.AsNoTracking().Include(r => r.Requester).Include(r => r.Assignee).AsQueryable(), actor);

        query = RequestQuery.Filter(query, db.RequestWords.AsNoTracking(), filter, catalog, calendar.TimeZone, time.GetUtcNow());
        var rows = await RequestQuery.Order(query, filter).ToListAsync(cancellationToken);
        return rows.Select(r => records.Summarize(r, catalog.Get(r.ProcedureCode))).ToList();
    }
}
