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

/// <summary>Acts on a request (a procedure's step) and comments on it. Every refusal is a <see cref="DomainException"/> and changes nothing.</summary>
public sealed partial class RequestActions(
    SosepDbContext db,
    ProcedureCatalog catalog,
    TimeLimits timeLimits,
    BusinessCalendar calendar,
    RequestVisibility visibility,
    RequestQueries queries,
    RequestRecords records,
    TimeProvider time,
    ILogger<RequestActions> logger)
{
    /// <summary>Fires <paramref name="action"/> on the request. Refused actions change nothing; a concurrent change is refused, not overwritten.</summary>
    public async Task<RequestDetails> FireAsync(Actor actor, string number, string action, ActionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var request = await db.Requests.Include(r => r.Attachments)
            .FirstOrDefaultAsync(r => r.Number == RequestNumbers.Normalize(number), cancellationToken);
        var definition = await visibility.RequireAsync(request, actor, number, cancellationToken);
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
                Documents = await RequestRecords.DocumentsAsync(db, definition, request!.Id, cancellationToken),
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
            db.AuditEntries.Add(records.Audit(actor, role, AuditKind.Transition, request.Id, transition.Action, from, request.State, detail));
            db.RequestEvents.Add(records.Event(request, "transition", transition.Action, from, request.State, actor, previousAssignee, detail));
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
        return await queries.GetAsync(actor, request.Number, cancellationToken);
    }

    public async Task<CommentView> CommentAsync(Actor actor, string number, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var request = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Number == RequestNumbers.Normalize(number), cancellationToken);
        await visibility.RequireAsync(request, actor, number, cancellationToken);
        var body = RequestRecords.Text(text, ValidationTexts.Comment, RequestRecords.MaxText, required: true)!;
        var comment = new Comment { RequestId = request!.Id, AuthorId = actor.PersonId, Text = body, Channel = actor.Channel, CreatedAt = time.GetUtcNow() };
        db.Comments.Add(comment);
        db.AuditEntries.Add(records.Audit(actor, RequestRecords.RoleFor(request, actor), AuditKind.Comment, request.Id, null, null, null, body));
        db.RequestEvents.Add(records.Event(request, "comment", null, null, null, actor, request.AssigneeId, body));
        await RequestRecords.SaveTouchingAsync(db, request.Id, comment.CreatedAt, cancellationToken);
        return new CommentView(comment.Id, actor.DisplayName, comment.Text, comment.Channel, comment.CreatedAt);
    }

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
        var names = await RequestRecords.NamesAsync(db, wanted, cancellationToken);
        return "Usuarios de pruebas: " + TransitionDefinition.JoinSpanish(wanted.Select(id => names.GetValueOrDefault(id, "?")).ToList(), "y");
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
            request.Equipment = RequestRecords.Merge(e, request.Equipment);
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
        return detail.Length == 0 ? null : detail[..Math.Min(detail.Length, RequestRecords.MaxText)];
    }

    private static DomainException Stale(Request current) => new(ErrorKind.Conflict,
        RequestTexts.Stale(current.Number, current.State));

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {Number}: {Action} ({From} -> {To})")]
    private static partial void LogTransition(ILogger logger, string number, string action, string from, string to);
}
