using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.Scheduling;

namespace SosepBot.Core.Notifications;

/// <summary>
/// Turns request events into outbox messages. Entering a step tells everybody it waits on
/// (<see cref="NextActorRules"/>) — «Le espera: …» with the actions and the time limit — but never the person who just
/// acted; the requester gets an acknowledgement when the channel they used did not give one (API, phone, on behalf),
/// hears of every state change, and of IT staff's comments; the assignee of the requester's comments. Each person is
/// reached on the channel they use (mail first for requests that came by mail, Teams first otherwise); a person no
/// channel reaches gets a message that waits for one (<see cref="RecipientChannels"/>). Safe to run twice and on
/// several instances (dedup keys are unique).
/// </summary>
public sealed partial class RequestNotifier(
    SosepDbContext db,
    ProcedureCatalog catalog,
    NextActorRules rules,
    RecipientChannels channels,
    BusinessCalendar calendar,
    TimeProvider time,
    ILogger<RequestNotifier> logger)
{
    public const string WaitingKind = "le-espera";
    public const string AcknowledgementKind = "acuse";

    private const int Batch = 200;

    /// <summary>Plans the notices of unprocessed events; returns how many messages were queued (waiting ones included).</summary>
    public async Task<int> ProcessAsync(CancellationToken cancellationToken)
    {
        var queued = 0;
        var events = await db.RequestEvents.AsNoTracking().Where(e => e.ProcessedAt == null)
            .OrderBy(e => e.Id).Take(Batch).ToListAsync(cancellationToken);
        foreach (var ev in events)
        {
            var request = await db.Requests.AsNoTracking().Include(r => r.Requester).Include(r => r.Assignee)
                .FirstAsync(r => r.Id == ev.RequestId, cancellationToken);
            var actorName = ev.ActorId is { } a
                ? await db.People.Where(p => p.Id == a).Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken)
                : null;
            var notices = await PlanAsync(ev, request, actorName ?? "La Unidad de Informática", cancellationToken);
            var messages = new List<OutboxMessage>();
            OutboxChannel[] order = request.OpenedVia == Channel.Mail
                ? [OutboxChannel.Mail, OutboxChannel.Teams]
                : [OutboxChannel.Teams, OutboxChannel.Mail];
            foreach (var notice in notices)
            {
                var person = await db.People.AsNoTracking().FirstAsync(p => p.Id == notice.PersonId, cancellationToken);
                var letter = new OutgoingLetter(person.Id, person.Email, _ => $"ev:{ev.Id}:{person.Id}:{notice.Kind}", notice.Kind,
                    notice.Subject, Letter(person.DisplayName, notice.Body), request.Id, request.Number);
                var addressed = await channels.AddressAsync(letter, order, every: false, cancellationToken);
                if (addressed[0].Status == OutboxStatus.AwaitingChannel)
                {
                    LogAwaitingChannel(logger, request.Number, person.Id, addressed[0].LastError);
                }

                messages.AddRange(addressed);
            }

            if (await CommitAsync(ev.Id, messages, cancellationToken))
            {
                queued += messages.Count;
            }
        }

        return queued;
    }

    private async Task<bool> CommitAsync(long eventId, List<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            // Mark the event only if nobody else did; the messages go in the same transaction.
            return await db.InTransactionAsync(async ct =>
            {
                var marked = await db.RequestEvents.Where(e => e.Id == eventId && e.ProcessedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.ProcessedAt, now), ct);
                if (marked == 0)
                {
                    return false;
                }

                db.OutboxMessages.AddRange(messages);
                await db.SaveChangesAsync(ct);
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance queued the same notices first.
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<List<Notice>> PlanAsync(RequestEvent ev, Request request, string actorName, CancellationToken cancellationToken)
    {
        var definition = catalog.Get(request.ProcedureCode);
        var about = $"{request.Number} «{request.Title}» ({definition.Name})";
        var detail = string.IsNullOrWhiteSpace(ev.Detail) ? string.Empty : $"\n\nDetalle: {ev.Detail}";
        var assignedNow = ev.AssigneeId is { } assignee && assignee != ev.PreviousAssigneeId && assignee != ev.ActorId;
        var label = definition.Transition(ev.Action ?? string.Empty)?.Label ?? ev.Action;
        var notices = new List<Notice>();
        switch (ev.Kind)
        {
            case "created" or "transition":
                // Who must act now: only while the request is still in the step this event entered (a later event tells the next step).
                var waiting = ev.ToState == request.State ? await WaitingOnAsync(request, cancellationToken) : [];
                var fired = definition.Transition(ev.Action ?? string.Empty);
                foreach (var (personId, actions) in waiting.Where(w => w.Key != ev.ActorId && (ev.FromState != ev.ToState || NewlyWaits(ev, fired, w.Key, w.Value))))
                {
                    var assigned = assignedNow && personId == ev.AssigneeId ? $"{actorName} le asignó la solicitud {about}.\n" : string.Empty;
                    var named = fired is { NamesTesters: true } && actions.Exists(t => t.ApprovesTests)
                        ? $"{actorName} lo nombró usuario de pruebas de la solicitud {about}: pruebe y apruebe las pruebas o reporte las fallas.\n" : string.Empty;
                    var moved = ev.Kind == "transition" && personId == request.RequesterId
                        ? $"Su solicitud {about} pasó de «{ev.FromState}» a «{ev.ToState}» ({actorName}: {label}).\n" : string.Empty;
                    var subject = moved.Length > 0 && definition.State(request.State).WaitsOnRequester
                        ? $"[{request.Number}] Necesitamos su respuesta — {request.Title}"
                        : moved.Length > 0
                        ? $"[{request.Number}] Su solicitud está en «{request.State}» — le espera: {WaitingText.Actions(actions)}"
                        : $"[{request.Number}] Le espera: {WaitingText.Actions(actions)} — {request.Title}";
                    notices.Add(new Notice(personId, WaitingKind, subject,
                        $"Le espera: {WaitingText.Line(request, definition, actions, calendar.TimeZone)}\n\n{assigned}{named}{moved}"
                        + $"{WaitingText.Offer(request, actions, calendar.TimeZone, time.GetUtcNow())}\n"
                        + $"La solicitud «{request.Title}» está en «{request.State}».{detail}\n\n"
                        + "Responda a este mensaje o use el bot de Teams para actuar."));
                }

                if (ev.Kind == "created" && definition.ParentCode is null && (request.RequesterId != ev.ActorId || !AcknowledgedInChannel(request)))
                {
                    Add(notices, new Notice(request.RequesterId, AcknowledgementKind, $"[{request.Number}] Recibimos su solicitud: {request.Title}",
                        (request.RequesterId != ev.ActorId ? $"{actorName} registró a su nombre la solicitud {about}.\n\n" : $"Recibimos su solicitud {about}.\n\n")
                        + $"Número: {request.Number}. Guárdelo para dar seguimiento.\nQué sigue: {definition.State(request.State).Description}"
                        + (request.DueAt is { } due ? $" Plazo de este paso: {Local(due)}." : string.Empty)));
                }

                if (ev.Kind == "transition" && request.RequesterId != ev.ActorId)
                {
                    var stateNow = definition.State(ev.ToState!);
                    Add(notices, new Notice(request.RequesterId, "estado",
                        stateNow.WaitsOnRequester ? $"[{request.Number}] Necesitamos su respuesta" : $"[{request.Number}] Su solicitud está en «{ev.ToState}»",
                        $"Su solicitud {about} pasó de «{ev.FromState}» a «{ev.ToState}».\n{actorName}: {label}.{detail}"
                        + (stateNow.WaitsOnRequester ? "\n\nResponda a este mensaje o desde el bot de Teams para que continúe la atención." : string.Empty)));
                }

                if (assignedNow)
                {
                    Add(notices, new Notice(ev.AssigneeId!.Value, "asignacion", $"[{request.Number}] Se le asignó: {request.Title}",
                        $"{actorName} le asignó la solicitud {about} ({label}); ahora está en «{request.State}».{detail}"));
                }

                break;
            case "comment" when ev.ActorId == request.RequesterId && request.AssigneeId is { } worker:
                notices.Add(new Notice(worker, "comentario", $"[{request.Number}] Comentario del solicitante",
                    $"{actorName} comentó la solicitud {about}:{detail}"));
                break;
            case "comment" when ev.ActorId != request.RequesterId:
                notices.Add(new Notice(request.RequesterId, "comentario", $"[{request.Number}] Mensaje de la Unidad de Informática",
                    $"{actorName} escribió sobre su solicitud {about}:{detail}"));
                break;
        }

        return notices;
    }

    /// <summary>
    /// A step that stays where it is (a sign-off, testers named) tells only whom it unblocks — the action that waited on
    /// the sign-offs — or newly assigns or names; the others were told when the step began.
    /// </summary>
    private static bool NewlyWaits(RequestEvent ev, TransitionDefinition? fired, long personId, List<TransitionDefinition> actions) =>
        actions.Any(t => t.ApprovalsNeeded.Count > 0 || t.NeedsTestsApproved)
        || personId == ev.AssigneeId && ev.AssigneeId != ev.PreviousAssigneeId
        || fired is { NamesTesters: true } && actions.Any(t => t.ApprovesTests);

    /// <summary>The people the request waits on now with the actions each may take, less those who chose the daily summary only.</summary>
    private async Task<Dictionary<long, List<TransitionDefinition>>> WaitingOnAsync(Request request, CancellationToken cancellationToken)
    {
        var parentState = request.ParentId is { } parent
            ? await db.Requests.AsNoTracking().Where(r => r.Id == parent).Select(r => r.State).FirstOrDefaultAsync(cancellationToken)
            : null;
        // Testers and child requests are read only for the procedures that have them (DS-UI-01/02; DS-UI-03's visits).
        var definition = catalog.Get(request.ProcedureCode);
        var testers = definition.Transitions.Any(t => t.Who.Any(w => w.IsTester))
            ? await db.RequestTesters.AsNoTracking().Where(t => t.RequestId == request.Id)
                .Select(t => new TesterRef(t.PersonId, t.ApprovedAt != null)).ToListAsync(cancellationToken)
            : [];
        var openChildren = catalog.ChildrenOf(definition.Code).Any()
            ? await db.Requests.CountAsync(c => c.ParentId == request.Id && c.ClosedAt == null, cancellationToken)
            : 0;
        var parties = rules.For(request, parentState, testers, openChildren);
        var roles = parties.Where(p => p.Kind == PartyKind.Role).Select(p => p.Party.Role!.Value).ToList();
        var holders = roles.Count == 0 ? [] : await db.PersonRoles.AsNoTracking()
            .Where(r => roles.Contains(r.Role) && db.People.Any(p => p.Id == r.PersonId && p.IsActive))
            .ToListAsync(cancellationToken);
        var result = new Dictionary<long, List<TransitionDefinition>>();
        foreach (var party in parties)
        {
            IEnumerable<long> people = party.Kind switch
            {
                PartyKind.Requester => [request.RequesterId],
                PartyKind.Assignee => request.AssigneeId is { } a ? [a] : [],
                PartyKind.Testers => testers.Where(t => !t.Approved).Select(t => t.PersonId),
                _ => holders.Where(h => h.Role == party.Party.Role).Select(h => h.PersonId),
            };
            foreach (var person in people)
            {
                var actions = result.TryGetValue(person, out var list) ? list : result[person] = [];
                actions.AddRange(party.Actions.Except(actions));
            }
        }

        var summaryOnly = await db.People.AsNoTracking()
            .Where(p => result.Keys.Contains(p.Id) && p.Notices == NoticeMode.SummaryOnly).Select(p => p.Id).ToListAsync(cancellationToken);
        summaryOnly.ForEach(id => result.Remove(id));
        return result;
    }

    private string Local(DateTimeOffset at) => WaitingText.Local(at, calendar.TimeZone);

    /// <summary>Mail sends its own acknowledgement and the Teams chat answers in place; other ways in get one here.</summary>
    private static bool AcknowledgedInChannel(Request request) => request.OpenedVia is Channel.Mail or Channel.Teams;

    /// <summary>One notice per person and event: a second one for the same person (e.g. "estado" after "le-espera") is dropped.</summary>
    private static void Add(List<Notice> notices, Notice notice)
    {
        if (!notices.Exists(n => n.PersonId == notice.PersonId))
        {
            notices.Add(notice);
        }
    }

    private static string Letter(string name, string body)
    {
        var sb = new StringBuilder();
        sb.Append("Hola, ").Append(name).Append(":\n\n").Append(body).Append("\n\n");
        sb.Append("Unidad de Informática — Secretaría de Obras Sociales de la Esposa del Presidente de la República (SOSEP)");
        return sb.ToString();
    }

    private sealed record Notice(long PersonId, string Kind, string Subject, string Body);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {Number}: no channel reaches person {PersonId} yet; the notice waits ({Reason})")]
    private static partial void LogAwaitingChannel(ILogger logger, string number, long personId, string? reason);
}
