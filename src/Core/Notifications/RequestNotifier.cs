using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;

namespace SosepBot.Core.Notifications;

/// <summary>
/// Turns request events into outbox messages: the requester hears of every state change and of
/// IT staff's comments; a person hears of work newly assigned to them. Each person is reached on the
/// channel they use (mail first for requests that came by mail, Teams first otherwise); a person no
/// channel can reach is logged. Safe to run twice and on several instances (dedup keys are unique).
/// </summary>
public sealed partial class RequestNotifier(
    SosepDbContext db,
    ProcedureCatalog catalog,
    IEnumerable<IRecipientReach> reaches,
    TimeProvider time,
    ILogger<RequestNotifier> logger)
{
    private const int Batch = 200;
    private readonly Dictionary<OutboxChannel, IRecipientReach> _reaches = reaches.ToDictionary(r => r.Channel);

    /// <summary>Plans the notices of unprocessed events; returns how many messages were queued.</summary>
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
            // Testers are told when they are named (or the tests are released to them again).
            var testers = ev.Kind == "transition" && catalog.Get(request.ProcedureCode).Transition(ev.Action ?? string.Empty) is { NamesTesters: true }
                ? await db.RequestTesters.AsNoTracking().Where(t => t.RequestId == request.Id).Select(t => t.PersonId).ToListAsync(cancellationToken)
                : [];
            var messages = new List<OutboxMessage>();
            foreach (var notice in Plan(ev, request, actorName ?? "La Unidad de Informática", testers))
            {
                var person = await db.People.AsNoTracking().FirstAsync(p => p.Id == notice.PersonId, cancellationToken);
                var channel = await ChooseAsync(person, request, cancellationToken);
                if (channel is null)
                {
                    LogUnreachable(logger, request.Number, person.Id);
                    continue;
                }

                messages.Add(new OutboxMessage
                {
                    Channel = channel.Value,
                    DedupKey = $"ev:{ev.Id}:{person.Id}:{notice.Kind}",
                    Kind = notice.Kind,
                    RecipientId = person.Id,
                    Recipient = channel == OutboxChannel.Mail ? person.Email : person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    RequestId = request.Id,
                    RequestNumber = request.Number,
                    Subject = notice.Subject,
                    Text = Letter(person.DisplayName, notice.Body),
                    CreatedAt = time.GetUtcNow(),
                    NextAttemptAt = time.GetUtcNow(),
                });
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

    private IEnumerable<Notice> Plan(RequestEvent ev, Request request, string actorName, IReadOnlyList<long> testers)
    {
        var definition = catalog.Get(request.ProcedureCode);
        var about = $"{request.Number} «{request.Title}» ({definition.Name})";
        var detail = string.IsNullOrWhiteSpace(ev.Detail) ? string.Empty : $"\n\nDetalle: {ev.Detail}";
        var assignedNow = ev.AssigneeId is { } assignee && assignee != ev.PreviousAssigneeId && assignee != ev.ActorId;
        switch (ev.Kind)
        {
            case "created" when assignedNow:
                yield return new Notice(ev.AssigneeId!.Value, "asignacion", $"[{request.Number}] Se le asignó: {request.Title}",
                    $"{actorName} le asignó la solicitud {about}, en estado «{request.State}».");
                break;
            case "transition":
                var label = definition.Transition(ev.Action ?? string.Empty)?.Label ?? ev.Action;
                if (request.RequesterId != ev.ActorId)
                {
                    var waiting = definition.State(ev.ToState!).WaitsOnRequester;
                    yield return new Notice(request.RequesterId, "estado",
                        waiting ? $"[{request.Number}] Necesitamos su respuesta" : $"[{request.Number}] Su solicitud está en «{ev.ToState}»",
                        $"Su solicitud {about} pasó de «{ev.FromState}» a «{ev.ToState}».\n{actorName}: {label}.{detail}"
                        + (waiting ? "\n\nResponda a este mensaje o desde el bot de Teams para que continúe la atención." : string.Empty));
                }

                if (assignedNow)
                {
                    yield return new Notice(ev.AssigneeId!.Value, "asignacion", $"[{request.Number}] Se le asignó: {request.Title}",
                        $"{actorName} le asignó la solicitud {about} ({label}); ahora está en «{ev.ToState}».{detail}");
                }

                foreach (var tester in testers.Where(t => t != ev.ActorId && t != request.RequesterId))
                {
                    yield return new Notice(tester, "pruebas", $"[{request.Number}] Se le pide probar: {request.Title}",
                        $"{actorName} lo nombró usuario de pruebas de la solicitud {about}, en «{ev.ToState}». "
                        + "Pruebe y apruebe las pruebas o reporte las fallas desde el bot de Teams o la API.");
                }

                break;
            case "comment" when ev.ActorId == request.RequesterId && request.AssigneeId is { } worker:
                yield return new Notice(worker, "comentario", $"[{request.Number}] Comentario del solicitante",
                    $"{actorName} comentó la solicitud {about}:{detail}");
                break;
            case "comment" when ev.ActorId != request.RequesterId:
                yield return new Notice(request.RequesterId, "comentario", $"[{request.Number}] Mensaje de la Unidad de Informática",
                    $"{actorName} escribió sobre su solicitud {about}:{detail}");
                break;
        }
    }

    private async Task<OutboxChannel?> ChooseAsync(Person person, Request request, CancellationToken cancellationToken)
    {
        OutboxChannel[] order = request.OpenedVia == Channel.Mail
            ? [OutboxChannel.Mail, OutboxChannel.Teams]
            : [OutboxChannel.Teams, OutboxChannel.Mail];
        foreach (var channel in order)
        {
            if (_reaches.TryGetValue(channel, out var reach) && await reach.CanReachAsync(person.Id, cancellationToken))
            {
                return channel;
            }
        }

        return null;
    }

    private static string Letter(string name, string body)
    {
        var sb = new StringBuilder();
        sb.Append("Hola, ").Append(name).Append(":\n\n").Append(body).Append("\n\n");
        sb.Append("Unidad de Informática — Secretaría de Obras Sociales de la Esposa del Presidente de la República (SOSEP)");
        return sb.ToString();
    }

    private sealed record Notice(long PersonId, string Kind, string Subject, string Body);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {Number}: person {PersonId} cannot be reached on any configured channel")]
    private static partial void LogUnreachable(ILogger logger, string number, long personId);
}
