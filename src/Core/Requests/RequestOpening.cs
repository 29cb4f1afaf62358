using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SosepBot.Core.Audit;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Scheduling;
using SosepBot.Core.Validation;

namespace SosepBot.Core.Requests;

/// <summary>
/// The one way to open requests, one or many, from every channel: each is checked (<see cref="DraftAsync"/>; a
/// refusal is a <see cref="DomainException"/> before anything is numbered), then all are numbered and written in ONE
/// transaction with one commit (<see cref="OpenAsync(IReadOnlyList{RequestDraft}, CancellationToken)"/>).
/// </summary>
public sealed partial class RequestOpening(
    SosepDbContext db,
    ProcedureCatalog catalog,
    TimeLimits timeLimits,
    BusinessCalendar calendar,
    RequestRecords records,
    TimeProvider time,
    ILogger<RequestOpening> logger)
{
    private const int MaxTitle = 200;
    private const int NumberAttempts = 8;

    /// <summary>Opens one request (the same path as many).</summary>
    public async Task<OpenedRequest> OpenAsync(Actor actor, NewRequest command, CancellationToken cancellationToken) =>
        (await OpenAsync(actor, [command], cancellationToken))[0];

    /// <summary>Opens requests of one actor together: all or none (the first refusal throws before anything is numbered).</summary>
    public async Task<IReadOnlyList<OpenedRequest>> OpenAsync(Actor actor, IReadOnlyList<NewRequest> commands, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var drafts = new List<RequestDraft>(commands.Count);
        foreach (var command in commands)
        {
            drafts.Add(await DraftAsync(actor, command, cancellationToken));
        }

        return await OpenAsync(drafts, cancellationToken);
    }

    /// <summary>
    /// Numbers and writes checked requests (of any actors) in one transaction — inside a caller's, it joins it, and
    /// whatever the caller's unit of work holds is saved first. The numbers are taken by one atomic update of each
    /// year's counter, whose row stays locked until the commit, so no other writer (another instance included) takes
    /// the same ones and a rolled-back transaction gives them back. The rows are written with
    /// <see cref="SosepDbContext.InsertAsync{T}"/> (the provider's fastest way).
    /// </summary>
    public async Task<IReadOnlyList<OpenedRequest>> OpenAsync(IReadOnlyList<RequestDraft> drafts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        if (drafts.Count == 0)
        {
            return [];
        }

        var requests = drafts.Select(d => d.Request).ToList();

        // The requesters and assignees for the summaries, in one read, before the numbers are taken: inside a caller's
        // transaction the year's counter stays locked from then to its commit, and every other opening waits for it.
        var ids = requests.Select(r => r.RequesterId).Concat(requests.Select(r => r.AssigneeId).OfType<long>()).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var created = new List<RequestEvent>(drafts.Count);
        await db.InTransactionAsync(async ct =>
        {
            await db.SaveChangesAsync(ct);
            foreach (var year in requests.GroupBy(r => TimeZoneInfo.ConvertTime(r.CreatedAt, calendar.TimeZone).Year))
            {
                var last = await TakeNumbersAsync(year.Key, year.Count(), ct);
                var sequence = last - year.Count();
                foreach (var request in year)
                {
                    request.Number = RequestNumbers.Format(year.Key, ++sequence);
                }
            }

            await db.InsertAsync(requests, ct);
            foreach (var draft in drafts)
            {
                draft.Request.History.ForEach(h => h.RequestId = draft.Request.Id);
                created.Add(records.Event(draft.Request, "created", null, null, draft.Definition.InitialState, draft.Actor));
            }

            await db.InsertAsync(requests.SelectMany(r => r.History).ToList(), ct);
            await db.InsertAsync(created, ct);
        }, cancellationToken);

        foreach (var draft in drafts)
        {
            var request = draft.Request;
            request.Requester = people[request.RequesterId];
            request.Assignee = request.AssigneeId is { } a ? people[a] : null;
            LogCreated(logger, request.Number, draft.Definition.Code, request.OpenedVia);
        }

        return drafts.Select(d => new OpenedRequest(d, records)).ToList();
    }

    /// <summary>Checks a new request and builds it with its history's creation entry, without numbering or saving it.</summary>
    public async Task<RequestDraft> DraftAsync(Actor actor, NewRequest command, CancellationToken cancellationToken)
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

        var title = RequestRecords.Text(command.Title, ValidationTexts.Title, MaxTitle, required: true)!;
        var description = RequestRecords.Text(command.Description, ValidationTexts.Description, RequestRecords.MaxText, required: false);
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
        var unitName = RequestRecords.Text(command.Unit, ValidationTexts.Unit, 200, required: false);
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
            Equipment = command.Equipment is { } e ? RequestRecords.Merge(e, new EquipmentData()) : new EquipmentData(),
        };
        timeLimits.OnEntered(request, null, now);
        var role = requesterId == actor.PersonId ? RoleNames.Requester : RequestRecords.StaffRole(actor);
        request.History.Add(records.Audit(actor, role, AuditKind.Created, null, null, null, definition.InitialState, $"{definition.Code} {title}", channel));
        return new RequestDraft(actor, request, definition, parentNumber, parentState);
    }

    /// <summary>
    /// Takes the year's next <paramref name="count"/> numbers in the current transaction by one atomic update of its
    /// counter and answers the last: the row stays locked until the transaction ends, so concurrent writers (threads or
    /// instances) queue for it instead of colliding. The year's first request creates the row; when another writer
    /// created it meanwhile, the insert fails on the key (EF rolls back to its savepoint) and the update is done again.
    /// </summary>
    private async Task<int> TakeNumbersAsync(int year, int count, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await db.AdvanceRequestCounterAsync(year, count, cancellationToken) is { } last)
            {
                return last;
            }

            var counter = new RequestCounter { Year = year, Last = count };
            db.RequestCounters.Add(counter);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return counter.Last;
            }
            catch (DbUpdateException) when (attempt < NumberAttempts)
            {
                // Another writer created the year's counter first: take the next numbers from it.
            }
            finally
            {
                db.Entry(counter).State = EntityState.Detached;
            }
        }
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

        var parent = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Number == RequestNumbers.Normalize(command.ParentNumber), cancellationToken);
        if (parent is null || parent.ProcedureCode != definition.ParentCode)
        {
            throw new DomainException(ErrorKind.NotFound, RequestTexts.NoSuchCalendar(RequestNumbers.Normalize(command.ParentNumber))) { Field = "solicitudPadre" };
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {Number} opened ({Procedure}, via {Channel})")]
    private static partial void LogCreated(ILogger logger, string number, string procedure, Channel channel);
}
