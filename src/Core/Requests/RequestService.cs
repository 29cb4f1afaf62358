using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.Attachments;
using SosepBot.Core.Audit;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Scheduling;
using SosepBot.Core.Validation;

namespace SosepBot.Core.Requests;

/// <summary>
/// The one application service every channel uses: open, list, show, act on, comment on and attach
/// files to requests. Every refusal is a <see cref="DomainException"/> and changes nothing.
/// </summary>
public sealed partial class RequestService(
    SosepDbContext db,
    ProcedureCatalog catalog,
    TimeLimits timeLimits,
    BusinessCalendar calendar,
    IAttachmentStore store,
    IOptions<AttachmentOptions> attachmentOptions,
    WaitingWork waiting,
    TimeProvider time,
    ILogger<RequestService> logger)
{
    private const int MaxTitle = 200;
    private const int MaxText = 8000;
    private const int NumberAttempts = 8;

    private static readonly Func<SosepDbContext, string, CancellationToken, Task<Request?>> ByNumber =
        EF.CompileAsyncQuery((SosepDbContext d, string number, CancellationToken ct) =>
            d.Requests.AsNoTracking().Include(r => r.Requester).Include(r => r.Assignee).FirstOrDefault(r => r.Number == number));

    private static readonly Func<SosepDbContext, long, IAsyncEnumerable<AuditEntry>> HistoryOf =
        EF.CompileAsyncQuery((SosepDbContext d, long id) => d.AuditEntries.AsNoTracking().Where(h => h.RequestId == id));

    private static readonly Func<SosepDbContext, long, IAsyncEnumerable<Comment>> CommentsOf =
        EF.CompileAsyncQuery((SosepDbContext d, long id) => d.Comments.AsNoTracking().Where(c => c.RequestId == id));

    private static readonly Func<SosepDbContext, long, IAsyncEnumerable<Attachment>> AttachmentsOf =
        EF.CompileAsyncQuery((SosepDbContext d, long id) => d.Attachments.AsNoTracking().Where(a => a.RequestId == id));

    private static readonly Func<SosepDbContext, long, long?, IAsyncEnumerable<Person>> RequesterAndAssignee =
        EF.CompileAsyncQuery((SosepDbContext d, long requester, long? assignee) => d.People.AsNoTracking().Where(p => p.Id == requester || p.Id == assignee));

    public async Task<RequestDetails> CreateAsync(Actor actor, NewRequest command, CancellationToken cancellationToken)
    {
        var summary = await OpenAsync(actor, command, cancellationToken);
        return await GetAsync(actor, summary.Number, cancellationToken);
    }

    /// <summary>Opens a request like <see cref="CreateAsync"/> but answers with its summary only (no history re-read): for bulk channels such as the mailbox.</summary>
    public async Task<RequestSummary> OpenAsync(Actor actor, NewRequest command, CancellationToken cancellationToken)
    {
        var opened = await OpenCoreAsync(actor, command, cancellationToken);
        return Summarize(opened.Request, opened.Definition);
    }

    /// <summary>
    /// Opens a request like <see cref="CreateAsync"/> and answers with the same details <see cref="GetAsync"/> would read,
    /// built from what was just written instead of read back (a new request has only its creation in its history, and
    /// no comments, files or children).
    /// </summary>
    public async Task<RequestDetails> OpenWithDetailsAsync(Actor actor, NewRequest command, CancellationToken cancellationToken)
    {
        var opened = await OpenCoreAsync(actor, command, cancellationToken);
        // The person who opens a request is its requester or acted on it (its creation): they may see its form.
        return Details(opened.Request, opened.Definition, actor, [], opened.ParentNumber, opened.ParentState, [], [], new HashSet<Documents.DocumentKind>(), showPersonalData: true);
    }

    private async Task<(Request Request, ProcedureDefinition Definition, string? ParentNumber, string? ParentState)> OpenCoreAsync(
        Actor actor, NewRequest command, CancellationToken cancellationToken)
    {
        var (request, definition, parentNumber, parentState) = await BuildAsync(actor, command, cancellationToken);
        var year = TimeZoneInfo.ConvertTime(request.CreatedAt, calendar.TimeZone).Year;
        // Numbered and written in one transaction (inside a caller's, it joins it): the number is taken by an atomic
        // update of the year's counter, whose row stays locked until the commit, so no other writer — another
        // instance included — takes the same one, on every provider and without retries.
        await db.InTransactionAsync(async ct =>
        {
            request.Number = await NextNumberAsync(year, ct);
            await SaveStagedAsync([new StagedRequest(request, Event(request, "created", null, null, definition.InitialState, actor))], ct);
        }, cancellationToken);

        LogCreated(logger, request.Number, definition.Code, request.OpenedVia);
        db.ChangeTracker.Clear();
        var people = (await RequesterAndAssignee(db, request.RequesterId, request.AssigneeId).ToListAsync(cancellationToken)).ToDictionary(p => p.Id);
        request.Requester = people[request.RequesterId];
        request.Assignee = request.AssigneeId is { } a ? people[a] : null;
        return (request, definition, parentNumber, parentState);
    }

    /// <summary>
    /// Validates and numbers a new request exactly like <see cref="OpenAsync"/>, with its history and its "created"
    /// event, WITHOUT saving it: the caller saves many at once with <see cref="SaveStagedAsync"/> inside its own
    /// transaction (the mailbox ingests a batch of mails with one commit). The number is taken in that transaction
    /// (the counter's row stays locked until it ends), so a rolled-back batch gives its numbers back. A refusal
    /// throws before anything is numbered.
    /// </summary>
    public async Task<StagedRequest> StageOpenAsync(Actor actor, NewRequest command, CancellationToken cancellationToken)
    {
        var (request, definition, _, _) = await BuildAsync(actor, command, cancellationToken);
        var year = TimeZoneInfo.ConvertTime(request.CreatedAt, calendar.TimeZone).Year;
        request.Number = await NextNumberAsync(year, cancellationToken);
        var created = Event(request, "created", null, null, definition.InitialState, actor);
        LogCreated(logger, request.Number, definition.Code, request.OpenedVia);
        return new StagedRequest(request, created);
    }

    /// <summary>
    /// Saves requests staged by <see cref="StageOpenAsync"/> (and whatever else the unit of work holds) in the caller's
    /// transaction: the rows are written with <see cref="SosepDbContext.InsertAsync{T}"/> (the provider's fastest way)
    /// and the requests get their ids.
    /// </summary>
    public async Task SaveStagedAsync(IReadOnlyList<StagedRequest> staged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staged);
        await db.SaveChangesAsync(cancellationToken);
        await db.InsertAsync(staged.Select(s => s.Request).ToList(), cancellationToken);
        foreach (var (request, created) in staged)
        {
            request.History.ForEach(h => h.RequestId = request.Id);
            created.RequestId = request.Id;
        }

        await db.InsertAsync(staged.SelectMany(s => s.Request.History).ToList(), cancellationToken);
        await db.InsertAsync(staged.Select(s => s.Created).ToList(), cancellationToken);
    }

    private async Task<(Request Request, ProcedureDefinition Definition, string? ParentNumber, string? ParentState)> BuildAsync(
        Actor actor, NewRequest command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(command);
        var definition = catalog.Find(command.ProcedureCode) ?? throw new DomainException(ErrorKind.NotFound,
            RequestTexts.UnknownProcedure(command.ProcedureCode, catalog.All.Select(p => p.Code))) { Field = "procedimiento" };
        if (definition.OpenedBy.Count > 0 && !definition.OpenedBy.Any(actor.Holds))
        {
            throw new DomainException(ErrorKind.Forbidden,
                RequestTexts.OnlyOpenedBy(definition.Name, TransitionDefinition.JoinSpanish(definition.OpenedBy.Select(r => r.ToSpanish()).ToList(), "o")));
        }

        var title = Text(command.Title, ValidationTexts.Title, MaxTitle, required: true)!;
        var description = Text(command.Description, ValidationTexts.Description, MaxText, required: false);
        var requesterId = await RequesterIdAsync(actor, command.RequesterEmail, cancellationToken);
        var form = definition.Form is { } rules ? FormValidator.Validate(rules, command.Form) : new FormData();
        var channel = command.Channel ?? actor.Channel;
        if (channel == Channel.Phone && !actor.IsItStaff)
        {
            throw new DomainException(ErrorKind.Forbidden, RequestTexts.PhoneOnlyStaff);
        }

        if (definition.Code == ProcedureCodes.SoporteSedes)
        {
            await EnsureDepartmentalSiteAsync(actor, requesterId, cancellationToken);
        }

        long? parentId = null;
        long? assigneeId = null;
        string? parentNumber = null;
        string? parentState = null;
        var unitName = Text(command.Unit, ValidationTexts.Unit, 200, required: false);
        long? unitId = null;
        if (definition.ParentCode is not null)
        {
            Units.Unit unit;
            (parentId, parentNumber, parentState, assigneeId, unit) = await CheckChildAsync(definition, command, cancellationToken);
            (unitId, unitName) = (unit.Id, unit.Name);
        }

        var now = time.GetUtcNow();
        var request = new Request
        {
            Number = string.Empty,
            ProcedureCode = definition.Code,
            State = definition.InitialState,
            Title = title,
            Description = description,
            RequesterId = requesterId,
            AssigneeId = assigneeId,
            ParentId = parentId,
            OpenedVia = channel,
            Priority = command.Priority ?? Priority.Media,
            CreatedAt = now,
            UpdatedAt = now,
            StateEnteredAt = now,
            Unit = unitName,
            UnitId = unitId,
            ScheduledFor = command.ScheduledFor?.ToUniversalTime(),
            Form = form,
            Equipment = command.Equipment is { } e ? Merge(e, new EquipmentData()) : new EquipmentData(),
        };
        timeLimits.OnEntered(request, null, now);
        var role = requesterId == actor.PersonId ? RoleNames.Requester : StaffRole(actor);
        request.History.Add(Audit(actor, role, AuditKind.Created, null, null, null, definition.InitialState, $"{definition.Code} {title}", channel));
        return (request, definition, parentNumber, parentState);
    }

    public async Task<RequestDetails> GetAsync(Actor actor, string number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var request = await ByNumber(db, NormalizeNumber(number), cancellationToken);
        var definition = await EnsureVisibleAsync(request, actor, number, cancellationToken);

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

        var testers = definition.HasTesters ? await TestersAsync(id, cancellationToken) : [];
        var documents = await DocumentsAsync(definition, id, cancellationToken);

        // The history carries its actors' names; only the comments' and testers' names are looked up (and only when there are some).
        var authors = request.Comments.Count > 0 || testers.Count > 0
            ? await NamesAsync(request.Comments.Select(c => c.AuthorId).Concat(testers.Select(t => t.PersonId)), cancellationToken)
            : [];
        var personalData = PersonalDataAccess.Allows(actor, request, definition,
            testers.Any(t => t.PersonId == actor.PersonId),
            request.History.Any(h => h.ActorId == actor.PersonId && PersonalDataAccess.ActedKinds.Contains(h.Kind)));
        return Details(request, definition, actor, children, parent?.Number, parent?.State, authors, testers, documents, personalData);
    }

    private RequestDetails Details(
        Request request, ProcedureDefinition definition, Actor actor, List<ChildRef> children, string? parent, string? parentState,
        Dictionary<long, string> authors, IReadOnlyList<RequestTester> testers, IReadOnlySet<Documents.DocumentKind> documents, bool showPersonalData)
    {
        var context = new TransitionContext
        {
            Request = request,
            Actor = actor,
            ParentState = parentState,
            Now = time.GetUtcNow(),
            TimeZone = calendar.TimeZone,
            Children = children.Count,
            OpenChildren = children.Count(c => !catalog.Get(c.ProcedureCode).IsFinal(c.State)),
            Testers = testers.Select(t => new TesterRef(t.PersonId, t.ApprovedAt is not null)).ToList(),
            Documents = documents,
        };
        return new RequestDetails(
            Summarize(request, definition),
            request.Description,
            parent,
            children.Select(c => c.Number).ToList(),
            request.Unit,
            request.ScheduledFor,
            request.PlannedEnd,
            definition.Form is null ? null : showPersonalData ? request.Form : null,
            definition.Code is ProcedureCodes.DictamenTecnico or ProcedureCodes.VisitaMantenimiento ? request.Equipment : null,
            request.Approvals,
            request.History.Where(h => h.Kind != AuditKind.Download || actor.IsItStaff).OrderBy(h => h.At).ThenBy(h => h.Id)
                .Select(h => new HistoryItem(h.At, h.ActorName, h.Role, h.Channel, h.Kind, h.Action, h.FromState, h.ToState, h.Detail)).ToList(),
            request.Comments.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .Select(c => new CommentView(c.Id, authors.GetValueOrDefault(c.AuthorId, "?"), c.Text, c.Channel, c.CreatedAt)).ToList(),
            request.Attachments.OrderBy(a => a.Id)
                .Select(a => new AttachmentView(a.Id, a.Kind, a.FileName, a.ContentType, a.Size, a.Sha256, a.CreatedAt)).ToList(),
            ProcedureMachine.Available(definition, context),
            testers.Select(t => new TesterView(t.PersonId, authors.GetValueOrDefault(t.PersonId, "?"), t.ApprovedAt)).ToList());
    }

    /// <summary>What waits on the actor now (see <see cref="WaitingWork"/>): overdue first, then by time limit.</summary>
    public async Task<IReadOnlyList<WaitingView>> WaitingOnAsync(Actor actor, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var items = await waiting.ForAsync(actor.PersonId, actor.Roles, time.GetUtcNow(), cancellationToken);
        return items.Take(Math.Clamp(take, 1, 500))
            .Select(i => new WaitingView(Summarize(i.Request, i.Procedure), i.Actions.Select(a => new WaitingAction(a.Action, a.Label)).ToList()))
            .ToList();
    }

    public async Task<IReadOnlyList<RequestSummary>> ListAsync(Actor actor, RequestFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Requests.AsNoTracking().Include(r => r.Requester).Include(r => r.Assignee).AsQueryable();
        if (!actor.IsItStaff)
        {
            var codes = catalog.All.Where(p => p.Transitions.SelectMany(t => t.Who).Any(w => w.Role is { } r && actor.Holds(r)))
                .Select(p => p.Code).ToList();
            var testerCodes = catalog.All.Where(p => p.HasTesters).Select(p => p.Code).ToList();
            query = query.Where(r => r.RequesterId == actor.PersonId || r.AssigneeId == actor.PersonId || codes.Contains(r.ProcedureCode)
                || (testerCodes.Contains(r.ProcedureCode) && db.RequestTesters.Any(t => t.RequestId == r.Id && t.PersonId == actor.PersonId)));
        }

        query = RequestQuery.Filter(query, filter, catalog, calendar.TimeZone, time.GetUtcNow());
        var rows = await RequestQuery.Order(query, filter).ToListAsync(cancellationToken);
        return rows.Select(r => Summarize(r, catalog.Get(r.ProcedureCode))).ToList();
    }

    /// <summary>Fires <paramref name="action"/> on the request. Refused actions change nothing; a concurrent change is refused, not overwritten.</summary>
    public async Task<RequestDetails> FireAsync(Actor actor, string number, string action, ActionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var request = await db.Requests.Include(r => r.Attachments)
            .FirstOrDefaultAsync(r => r.Number == NormalizeNumber(number), cancellationToken);
        var definition = await EnsureVisibleAsync(request, actor, number, cancellationToken);
        try
        {
            if (input.ExpectedVersion is { } expected && expected != request!.Version)
            {
                throw Stale(request);
            }

            var chosenRoles = await ChosenRolesAsync(input.AssigneeId, cancellationToken);
            var testers = definition.HasTesters
                ? await db.RequestTesters.Where(t => t.RequestId == request!.Id).OrderBy(t => t.Id).ToListAsync(cancellationToken)
                : [];
            var children = await db.Requests.Where(c => c.ParentId == request!.Id)
                .Select(c => new { c.ProcedureCode, c.State }).ToListAsync(cancellationToken);
            var transition = definition.Transition(action);
            ApplyInputData(request!, transition, input);
            if (transition is { NamesTesters: true } && input.TesterIds is { Count: > 0 } named)
            {
                await CheckTestersAsync(named, cancellationToken);
            }
            var context = new TransitionContext
            {
                Request = request!,
                Actor = actor,
                Input = input,
                ChosenAssigneeRoles = chosenRoles,
                ParentState = await ParentStateAsync(request!, cancellationToken),
                Now = time.GetUtcNow(),
                TimeZone = calendar.TimeZone,
                Children = children.Count,
                OpenChildren = children.Count(c => !catalog.Get(c.ProcedureCode).IsFinal(c.State)),
                Testers = testers.Select(t => new TesterRef(t.PersonId, t.ApprovedAt is not null)).ToList(),
                Documents = await DocumentsAsync(definition, request!.Id, cancellationToken),
            };
            var from = request!.State;
            var previousAssignee = request.AssigneeId;
            var rule = await ProcedureMachine.FireAsync(definition, action, context);
            transition = definition.Transition(action)!;
            ApplyEffects(request, transition, actor, input, from);
            var testersDetail = await ApplyTestersAsync(request, testers, transition, actor, input, from, cancellationToken);

            var now = time.GetUtcNow();
            request.UpdatedAt = now;
            request.Version++;
            if (!transition.IsReentry(from))
            {
                request.StateEnteredAt = now;
                timeLimits.OnEntered(request, from, now);
                request.ClosedAt = definition.IsFinal(request.State) ? now : null;
            }

            var role = rule.AuditRole();
            var detail = Detail(transition, input, testersDetail);
            db.AuditEntries.Add(Audit(actor, role, AuditKind.Transition, request.Id, transition.Action, from, request.State, detail));
            db.RequestEvents.Add(Event(request, "transition", transition.Action, from, request.State, actor, previousAssignee, detail));
            await db.SaveChangesAsync(cancellationToken);
            LogTransition(logger, request.Number, transition.Action, from, request.State);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Requests.AsNoTracking().FirstAsync(r => r.Number == request!.Number, cancellationToken);
            throw Stale(current);
        }
        catch
        {
            // Whatever was applied to the tracked request must not be saved by a later call in this scope.
            db.ChangeTracker.Clear();
            throw;
        }

        db.ChangeTracker.Clear();
        return await GetAsync(actor, request.Number, cancellationToken);
    }

    public async Task<CommentView> CommentAsync(Actor actor, string number, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var request = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Number == NormalizeNumber(number), cancellationToken);
        await EnsureVisibleAsync(request, actor, number, cancellationToken);
        var body = Text(text, ValidationTexts.Comment, MaxText, required: true)!;
        var comment = new Comment { RequestId = request!.Id, AuthorId = actor.PersonId, Text = body, Channel = actor.Channel, CreatedAt = time.GetUtcNow() };
        db.Comments.Add(comment);
        db.AuditEntries.Add(Audit(actor, RoleFor(request, actor), AuditKind.Comment, request.Id, null, null, null, body));
        db.RequestEvents.Add(Event(request, "comment", null, null, null, actor, request.AssigneeId, body));
        await SaveTouchingAsync(request.Id, comment.CreatedAt, cancellationToken);
        return new CommentView(comment.Id, actor.DisplayName, comment.Text, comment.Channel, comment.CreatedAt);
    }

    /// <summary>Stores a file with the request after checking its size, type and that its bytes match the type.</summary>
    public async Task<AttachmentView> AttachAsync(
        Actor actor, string number, AttachmentKind kind, string fileName, string contentType, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var request = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Number == NormalizeNumber(number), cancellationToken);
        var definition = await EnsureVisibleAsync(request, actor, number, cancellationToken);
        if (definition.IsFinal(request!.State))
        {
            throw new DomainException(ErrorKind.InvalidState, RequestTexts.ConcludedNoFiles(request.Number, request.State));
        }

        if (!Enum.IsDefined(kind))
        {
            throw new DomainException(ErrorKind.Invalid, RequestTexts.UnknownAttachmentKind) { Field = "tipo" };
        }

        var name = SafeFileName(fileName);
        var type = (contentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
        var options = attachmentOptions.Value;
        if (!options.EffectiveContentTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            throw new DomainException(ErrorKind.Invalid,
                RequestTexts.FileTypeRefused(type)) { Field = "archivo" };
        }

        var stored = await store.SaveAsync(content, options.MaxBytes, cancellationToken);
        try
        {
            if (stored.Size == 0)
            {
                throw new DomainException(ErrorKind.Invalid, RequestTexts.EmptyFile) { Field = "archivo" };
            }

            if (!ContentSniffer.Agrees(type, stored.Head))
            {
                throw new DomainException(ErrorKind.Invalid, RequestTexts.ContentDisagrees(name, type)) { Field = "archivo" };
            }

            var attachment = new Attachment
            {
                RequestId = request.Id,
                Kind = kind,
                FileName = name,
                ContentType = type,
                Size = stored.Size,
                Sha256 = stored.Sha256,
                StorageKey = stored.Key,
                UploadedById = actor.PersonId,
                CreatedAt = time.GetUtcNow(),
            };
            db.Attachments.Add(attachment);
            db.AuditEntries.Add(Audit(actor, RoleFor(request, actor), AuditKind.Attachment, request.Id, null, null, null, $"{kind.ToSpanish()}: {name}"));
            db.RequestEvents.Add(Event(request, "attachment", null, null, null, actor));
            await SaveTouchingAsync(request.Id, attachment.CreatedAt, cancellationToken);
            return new AttachmentView(attachment.Id, kind, name, type, stored.Size, stored.Sha256, attachment.CreatedAt);
        }
        catch
        {
            db.ChangeTracker.Clear();
            await store.DeleteAsync(stored.Key, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Records in the request's history (shown to IT staff) that the actor downloaded a file carrying personal data.</summary>
    public async Task AuditDownloadAsync(Actor actor, string number, string file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var request = await db.Requests.AsNoTracking().FirstAsync(r => r.Number == NormalizeNumber(number), cancellationToken);
        await AuditDownloadAsync(actor, request, file, cancellationToken);
    }

    private async Task AuditDownloadAsync(Actor actor, Request request, string file, CancellationToken cancellationToken)
    {
        db.AuditEntries.Add(Audit(actor, RoleFor(request, actor), AuditKind.Download, request.Id, null, null, null, file));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        LogDownload(logger, request.Number, actor.PersonId);
    }

    /// <summary>Refuses (403, in Spanish) an actor who may not have the request's personal data (<see cref="PersonalDataAccess"/>).</summary>
    private async Task EnsurePersonalDataAsync(Actor actor, Request request, ProcedureDefinition definition, CancellationToken cancellationToken)
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

    private async Task<List<RequestTester>> TestersAsync(long requestId, CancellationToken cancellationToken) =>
        await db.RequestTesters.AsNoTracking().Where(t => t.RequestId == requestId).OrderBy(t => t.Id).ToListAsync(cancellationToken);

    /// <summary>The kinds of document generated for the request, read only for procedures whose guards look at them.</summary>
    private async Task<IReadOnlySet<Documents.DocumentKind>> DocumentsAsync(ProcedureDefinition definition, long requestId, CancellationToken cancellationToken) =>
        definition.ReadsDocuments
            ? (await db.GeneratedDocuments.AsNoTracking().Where(d => d.RequestId == requestId).Select(d => d.Kind).Distinct().ToListAsync(cancellationToken)).ToHashSet()
            : new HashSet<Documents.DocumentKind>();

    /// <summary>Refuses testers who are not active people.</summary>
    private async Task CheckTestersAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        var found = await db.People.AsNoTracking().CountAsync(p => wanted.Contains(p.Id) && p.IsActive, cancellationToken);
        if (found != wanted.Count)
        {
            throw new DomainException(ErrorKind.Invalid, RequestTexts.UnknownTester) { Field = "probadores" };
        }
    }

    /// <summary>
    /// Names testers (replacing the list; those kept keep their approval), records a tester's approval, and clears the
    /// approvals when the step changes (a new round of tests). Returns what the history should say, if anything.
    /// </summary>
    private async Task<string?> ApplyTestersAsync(
        Request request, List<RequestTester> testers, TransitionDefinition transition, Actor actor, ActionInput input, string from, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!transition.IsReentry(from))
        {
            testers.ForEach(t => t.ApprovedAt = null);
        }

        if (transition.ApprovesTests)
        {
            testers.First(t => t.PersonId == actor.PersonId).ApprovedAt = now;
        }

        if (!transition.NamesTesters || input.TesterIds is not { Count: > 0 } named)
        {
            return null;
        }

        var wanted = named.Distinct().ToList();
        db.RequestTesters.RemoveRange(testers.Where(t => !wanted.Contains(t.PersonId)));
        db.RequestTesters.AddRange(wanted.Where(id => !testers.Exists(t => t.PersonId == id))
            .Select(id => new RequestTester { RequestId = request.Id, PersonId = id, NamedById = actor.PersonId, NamedAt = now }));
        var names = await NamesAsync(wanted, cancellationToken);
        return "Usuarios de pruebas: " + TransitionDefinition.JoinSpanish(wanted.Select(id => names.GetValueOrDefault(id, "?")).ToList(), "y");
    }

    public async Task<(AttachmentView Attachment, Stream Content)> OpenAttachmentAsync(
        Actor actor, string number, long attachmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var request = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Number == NormalizeNumber(number), cancellationToken);
        var definition = await EnsureVisibleAsync(request, actor, number, cancellationToken);
        var a = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == attachmentId && x.RequestId == request!.Id, cancellationToken)
            ?? throw new DomainException(ErrorKind.NotFound, RequestTexts.NoSuchAttachment(request!.Number, attachmentId));
        // Forms and DPI/NIT copies carry personal data: only the people the request names and those who act on its
        // procedure may have them, and every download of one is recorded.
        var personal = PersonalDataAccess.Carries(a.Kind);
        if (personal)
        {
            await EnsurePersonalDataAsync(actor, request!, definition, cancellationToken);
        }

        var stream = await store.OpenAsync(a.StorageKey, cancellationToken);
        if (personal)
        {
            try
            {
                await AuditDownloadAsync(actor, request!, $"{a.Kind.ToSpanish()}: {a.FileName} (archivo {a.Id})", cancellationToken);
            }
            catch
            {
                await stream.DisposeAsync();
                throw;
            }
        }

        return (new AttachmentView(a.Id, a.Kind, a.FileName, a.ContentType, a.Size, a.Sha256, a.CreatedAt), stream);
    }

    /// <summary>
    /// Saves a comment or file and the request's UpdatedAt in one transaction, without touching the
    /// request's version: adding to a request never conflicts with somebody acting on it.
    /// </summary>
    private async Task SaveTouchingAsync(long requestId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            await db.InTransactionAsync(async ct =>
            {
                await db.SaveChangesAsync(ct);
                await db.Requests.Where(r => r.Id == requestId).ExecuteUpdateAsync(u => u.SetProperty(r => r.UpdatedAt, at), ct);
            }, cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>"ui-2026-42", " UI-2026-00042 " → "UI-2026-00042".</summary>
    public static string NormalizeNumber(string? number)
    {
        var parts = (number ?? string.Empty).Trim().ToUpperInvariant().Split('-');
        return parts.Length == 3 && parts[0] == "UI" && int.TryParse(parts[1], out var y) && int.TryParse(parts[2], out var n) && n > 0
            ? Format(y, n)
            : (number ?? string.Empty).Trim().ToUpperInvariant();
    }

    private static string Format(int year, int sequence) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"UI-{year}-{sequence:D5}");

    /// <summary>
    /// The year's next number, taken in the current transaction by one atomic update of its counter: the row stays
    /// locked until the transaction ends, so concurrent writers (threads or instances) queue for it instead of
    /// colliding. The year's first request creates the row; when another writer created it meanwhile, the insert
    /// fails on the key (EF rolls back to its savepoint) and the update is done again.
    /// </summary>
    private async Task<string> NextNumberAsync(int year, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await db.RequestCounters.Where(c => c.Year == year)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Last, c => c.Last + 1), cancellationToken) == 1)
            {
                return Format(year, await db.RequestCounters.Where(c => c.Year == year).Select(c => c.Last).SingleAsync(cancellationToken));
            }

            var counter = new RequestCounter { Year = year, Last = 1 };
            db.RequestCounters.Add(counter);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return Format(year, counter.Last);
            }
            catch (DbUpdateException) when (attempt < NumberAttempts)
            {
                // Another writer created the year's counter first: take the next number from it.
            }
            finally
            {
                db.Entry(counter).State = EntityState.Detached;
            }
        }
    }

    private async Task<ProcedureDefinition> EnsureVisibleAsync(Request? request, Actor actor, string number, CancellationToken cancellationToken)
    {
        if (request is not null)
        {
            var definition = catalog.Get(request.ProcedureCode);
            if (request.RequesterId == actor.PersonId || request.AssigneeId == actor.PersonId || actor.IsItStaff
                || definition.ActingRoles.Any(actor.Holds)
                || (definition.HasTesters && await IsTesterAsync(request.Id, actor.PersonId, cancellationToken)))
            {
                return definition;
            }
        }

        // The same answer whether the request does not exist or is somebody else's: numbers are guessable.
        throw new DomainException(ErrorKind.NotFound, RequestTexts.NotFoundOrNotYours(NormalizeNumber(number)));
    }

    private async Task<long> RequesterIdAsync(Actor actor, string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return actor.PersonId;
        }

        var normalized = PeopleService.NormalizeEmail(email);
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Email == normalized, cancellationToken)
            ?? throw new DomainException(ErrorKind.NotFound, People.PeopleTexts.NobodyWithEmail(normalized)) { Field = "solicitante" };
        if (person.Id != actor.PersonId && !actor.IsItStaff)
        {
            throw new DomainException(ErrorKind.Forbidden, RequestTexts.OnBehalfOnlyStaff);
        }

        return person.Id;
    }

    /// <summary>
    /// DS-UI-06 is the departmental sites' support: its requester must be a person of a departmental site (their unit's
    /// kind). IT staff may still register one in their own name (a call from a site whose caller is not registered).
    /// </summary>
    private async Task EnsureDepartmentalSiteAsync(Actor actor, long requesterId, CancellationToken cancellationToken)
    {
        var site = await db.People.AsNoTracking().Where(p => p.Id == requesterId).Select(p => p.IsDepartmentalSite).FirstOrDefaultAsync(cancellationToken);
        if (site || (requesterId == actor.PersonId && actor.IsItStaff))
        {
            return;
        }

        throw new DomainException(ErrorKind.Invalid, requesterId == actor.PersonId
            ? RequestTexts.SitesForCentralRequester
            : RequestTexts.SitesForCentralPerson)
        { Field = "procedimiento" };
    }

    private async Task<(long ParentId, string ParentNumber, string ParentState, long AssigneeId, Units.Unit Unit)> CheckChildAsync(ProcedureDefinition definition, NewRequest command, CancellationToken cancellationToken)
    {
        var parentDefinition = catalog.Get(definition.ParentCode!);
        if (string.IsNullOrWhiteSpace(command.ParentNumber))
        {
            throw new DomainException(ErrorKind.Invalid, RequestTexts.ParentNeeded(parentDefinition.Name)) { Field = "solicitudPadre" };
        }

        var parent = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Number == NormalizeNumber(command.ParentNumber), cancellationToken);
        if (parent is null || parent.ProcedureCode != definition.ParentCode)
        {
            throw new DomainException(ErrorKind.NotFound, RequestTexts.NoSuchCalendar(NormalizeNumber(command.ParentNumber))) { Field = "solicitudPadre" };
        }

        if (!definition.ParentStates.Contains(parent.State))
        {
            throw new DomainException(ErrorKind.InvalidState,
                RequestTexts.CalendarState(parent.Number, parent.State, definition.ParentStates));
        }

        if (command.ScheduledFor is null)
        {
            throw new DomainException(ErrorKind.Invalid, RequestTexts.VisitDate) { Field = "fecha" };
        }

        if (command.UnitId is null && string.IsNullOrWhiteSpace(command.Unit))
        {
            throw new DomainException(ErrorKind.Invalid, RequestTexts.VisitUnit) { Field = "unidad" };
        }

        var unit = await Units.UnitService.RequireAsync(db, command.UnitId, command.Unit, "unidad", cancellationToken);

        var technician = string.IsNullOrWhiteSpace(command.AssigneeEmail)
            ? null
            : await db.People.AsNoTracking().Include(p => p.Roles)
                .FirstOrDefaultAsync(p => p.Email == PeopleService.NormalizeEmail(command.AssigneeEmail), cancellationToken);
        if (technician is null || !technician.Holds(Role.Technician))
        {
            throw new DomainException(ErrorKind.Invalid,
                RequestTexts.VisitTechnician(Role.Technician.ToSpanish())) { Field = "tecnico" };
        }

        return (parent.Id, parent.Number, parent.State, technician.Id, unit);
    }

    private async Task<string?> ParentStateAsync(Request request, CancellationToken cancellationToken) =>
        request.ParentId is { } parentId
            ? await db.Requests.AsNoTracking().Where(p => p.Id == parentId).Select(p => p.State).FirstOrDefaultAsync(cancellationToken)
            : null;

    private async Task<IReadOnlySet<Role>> ChosenRolesAsync(long? personId, CancellationToken cancellationToken)
    {
        if (personId is null)
        {
            return new HashSet<Role>();
        }

        var roles = await db.PersonRoles.AsNoTracking()
            .Where(r => r.PersonId == personId && db.People.Any(p => p.Id == personId && p.IsActive))
            .Select(r => r.Role).ToListAsync(cancellationToken);
        return roles.ToHashSet();
    }

    private static void ApplyInputData(Request request, TransitionDefinition? transition, ActionInput input)
    {
        if (transition is null)
        {
            return;
        }

        if (transition.AppliesEquipment && input.Equipment is { } e)
        {
            request.Equipment = Merge(e, request.Equipment);
        }

        if (transition.SetsPlannedEnd && input.PlannedEnd is { } end)
        {
            request.PlannedEnd = end;
        }
    }

    private static void ApplyEffects(Request request, TransitionDefinition transition, Actor actor, ActionInput input, string from)
    {
        switch (transition.Assign)
        {
            case AssignEffect.Actor:
                request.AssigneeId = actor.PersonId;
                break;
            case AssignEffect.FromInput when input.AssigneeId is { } chosen:
                request.AssigneeId = chosen;
                break;
            case AssignEffect.Clear:
                request.AssigneeId = null;
                break;
        }

        if (transition.RecordsApproval is { } approval)
        {
            request.Approvals = [.. request.Approvals, approval];
        }
        else if (!transition.IsReentry(from) && request.Approvals.Count > 0)
        {
            // Sign-offs belong to the step they were given in.
            request.Approvals = [];
        }

        if (transition.SetsSchedule && input.ScheduledFor is { } when)
        {
            request.ScheduledFor = when.ToUniversalTime();
        }

        if (input.Priority is { } priority && Enum.IsDefined(priority))
        {
            request.Priority = priority;
        }
    }

    private static string? Detail(TransitionDefinition transition, ActionInput input, string? testers)
    {
        var parts = new List<string>();
        if (testers is not null)
        {
            parts.Add(testers);
        }

        if (!string.IsNullOrWhiteSpace(input.Text))
        {
            parts.Add(input.Text.Trim());
        }

        if (transition.SetsSchedule && input.ScheduledFor is { } when)
        {
            parts.Add($"Nueva fecha: {when:yyyy-MM-dd HH:mm}");
        }

        if (transition.SetsPlannedEnd && input.PlannedEnd is { } end)
        {
            parts.Add($"Fecha de finalización del plan: {end:yyyy-MM-dd}");
        }

        var detail = string.Join(" — ", parts);
        return detail.Length == 0 ? null : detail[..Math.Min(detail.Length, MaxText)];
    }

    private static DomainException Stale(Request current) => new(ErrorKind.Conflict,
        RequestTexts.Stale(current.Number, current.State));

    private RequestSummary Summarize(Request r, ProcedureDefinition definition) => new(
        r.Number,
        r.ProcedureCode,
        definition.Name,
        r.State,
        r.Title,
        new PersonRef(r.RequesterId, r.Requester?.DisplayName ?? "?", r.Requester?.Email ?? string.Empty),
        r.Assignee is { } a ? new PersonRef(a.Id, a.DisplayName, a.Email) : null,
        r.Priority,
        r.OpenedVia,
        r.CreatedAt,
        r.UpdatedAt,
        r.DueAt,
        timeLimits.IsOverdue(r, time.GetUtcNow()),
        definition.IsFinal(r.State),
        r.Version);

    private async Task<Dictionary<long, string>> NamesAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        var set = ids.Distinct().ToList();
        return await db.People.AsNoTracking().Where(p => set.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
    }

    private static string RoleFor(Request request, Actor actor) =>
        request.RequesterId == actor.PersonId ? RoleNames.Requester : StaffRole(actor);

    private static string StaffRole(Actor actor) =>
        actor.Roles.Count == 0 ? "Usuario" : actor.Roles.Order().First().ToSpanish();

    private AuditEntry Audit(Actor actor, string role, AuditKind kind, long? requestId, string? action, string? from, string? to, string? detail, Channel? channel = null) => new()
    {
        RequestId = requestId ?? 0,
        At = time.GetUtcNow(),
        ActorId = actor.PersonId,
        ActorName = actor.DisplayName,
        Role = role,
        Channel = channel ?? actor.Channel,
        Kind = kind,
        Action = action,
        FromState = from,
        ToState = to,
        Detail = detail,
    };

    private RequestEvent Event(Request request, string kind, string? action, string? from, string? to, Actor actor, long? previousAssignee = null, string? detail = null) => new()
    {
        RequestId = request.Id,
        Kind = kind,
        Action = action,
        FromState = from,
        ToState = to,
        ActorId = actor.PersonId,
        AssigneeId = request.AssigneeId,
        PreviousAssigneeId = previousAssignee,
        Detail = detail,
        CreatedAt = time.GetUtcNow(),
    };

    private static string? Text(string? value, FieldName field, int max, bool required)
    {
        var trimmed = WithoutInvisible(value)?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return required ? throw new DomainException(ErrorKind.Invalid, ValidationTexts.Missing(field)) { Field = field.Key } : null;
        }

        return trimmed.Length > max
            ? throw new DomainException(ErrorKind.Invalid, ValidationTexts.TooLong(field, max)) { Field = field.Key }
            : trimmed;
    }

    /// <summary>The given equipment data, trimmed, with the current values kept where nothing was given.</summary>
    private static EquipmentData Merge(EquipmentData given, EquipmentData current) => new()
    {
        Kind = Pick(given.Kind, current.Kind),
        Brand = Pick(given.Brand, current.Brand),
        Model = Pick(given.Model, current.Model),
        Colour = Pick(given.Colour, current.Colour),
        SerialNumber = Pick(given.SerialNumber, current.SerialNumber),
        AssetNumber = Pick(given.AssetNumber, current.AssetNumber),
        Findings = Pick(given.Findings, current.Findings),
        Diagnosis = Pick(given.Diagnosis, current.Diagnosis),
    };

    private static string? Pick(string? given, string? current) => string.IsNullOrWhiteSpace(given) ? current : given.Trim();

    /// <summary>
    /// Without Unicode format characters: bidi overrides and isolates (U+202A–202E, U+2066–2069), zero-width spaces and
    /// joiners, the BOM. They change how a name or title reads without being seen («foto\u202Egnp.exe» shows as «fotoexe.png»).
    /// </summary>
    private static string? WithoutInvisible(string? value) =>
        value is null || !value.Any(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            ? value
            : new string(value.Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format).ToArray());

    private static string SafeFileName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/'));
        name = new string(WithoutInvisible(name)!.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length == 0)
        {
            throw new DomainException(ErrorKind.Invalid, RequestTexts.MissingFileName) { Field = "archivo" };
        }

        return name.Length > 200 ? name[^200..] : name;
    }

    private sealed record ChildRef(string Number, string ProcedureCode, string State);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {Number} opened ({Procedure}, via {Channel})")]
    private static partial void LogCreated(ILogger logger, string number, string procedure, Channel channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {Number}: a file with personal data downloaded by person {PersonId}")]
    private static partial void LogDownload(ILogger logger, string number, long personId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {Number}: {Action} ({From} -> {To})")]
    private static partial void LogTransition(ILogger logger, string number, string action, string from, string to);
}
