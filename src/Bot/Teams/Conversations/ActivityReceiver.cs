using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SosepBot.Bot.Auth;
using SosepBot.Bot.Teams.BotConnector;
using SosepBot.Core.Teams;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>
/// POST /api/messages: authenticates the activity (or, in the explicit local mode, accepts the Agents
/// Playground on loopback), stores it before anything else (a redelivery is recognised by its id and acts once), and
/// leaves the work to <see cref="TurnScheduler"/>, in the conversation's order: everything is answered at once, except an
/// invoke (a card's button), whose HTTP answer carries the card its turn produces.
/// </summary>
public sealed partial class ActivityReceiver(
    ChannelTokenValidator validator,
    TurnScheduler scheduler,
    TurnProcessor processor,
    InboundActivityStore store,
    IOptions<BotConnectorOptions> options,
    TimeProvider time,
    ILogger<ActivityReceiver> logger)
{
    public async Task ReceiveAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var o = options.Value;
        var ct = http.RequestAborted;
        if (!o.Enabled)
        {
            await Problem(http, HttpStatusCode.ServiceUnavailable, "Bot de Teams no configurado",
                "El bot de Teams no está configurado: indique Teams:AppId y Teams:AppPassword (o Teams:AllowUnauthenticatedLocal para pruebas locales).");
            return;
        }

        var body = await ReadBodyAsync(http.Request, o.MaxActivityBytes, ct);
        if (body is null)
        {
            await Problem(http, HttpStatusCode.RequestEntityTooLarge, "Actividad demasiado grande", $"La actividad supera {o.MaxActivityBytes} bytes.");
            return;
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, BotJson.Options);
        }
        catch (JsonException)
        {
            activity = null;
        }

        if (activity?.Type is null || activity.ChannelId is null || activity.ServiceUrl is null || activity.Conversation?.Id is null
            || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out _) || ActivityShape.Problem(activity) is not null)
        {
            await Problem(http, HttpStatusCode.BadRequest, "Actividad mal formada", "La actividad no es un JSON válido del Bot Framework (type, channelId, serviceUrl y conversation.id).");
            return;
        }

        var authorization = http.Request.Headers.Authorization.ToString();
        var refusal = await AuthenticateAsync(http, authorization, activity, o, ct);
        if (refusal is not null)
        {
            LogRejected(logger, Bounded(refusal));
            await Unauthorized.WriteAsync(http, "El token del canal no es válido para este bot.");
            return;
        }

        var row = NewRow(activity, body);

        // Every activity takes its place in its conversation's order now, as it arrives. A read-only turn is stored
        // already claimed (one write instead of two); anything else is stored and left to the scheduler, an invoke's
        // card awaited here for the HTTP answer.
        var slot = scheduler.Reserve(activity.Conversation.Id);
        try
        {
            var acceptance = await processor.TryAcceptReadOnlyAsync(row, activity, ct);
            if (acceptance.Turn is { } turn)
            {
                var waiter = scheduler.FillClaimed(slot, row.Id, turn, acceptance.Lease, invoke: activity.Type == ActivityTypes.Invoke);
                await AnswerAsync(http, waiter, ct);
                return;
            }

            await AcceptAsync(http, activity, row, slot, acceptance.Sender, ct);
        }
        finally
        {
            scheduler.Release(slot); // no effect once filled
        }
    }

    /// <summary>
    /// The usual path: store the activity and leave it to the scheduler; for an invoke, wait for its card (its turn
    /// comes after the conversation's earlier activities, on whichever instance holds the conversation) and answer with it.
    /// </summary>
    /// <paramref name="sender"/>: who sent it, when the read-only check looked it up (handed to the turn, not read again).
    private async Task AcceptAsync(HttpContext http, Activity activity, TeamsInboundActivity row, TurnSlot slot, KnownSender? sender, CancellationToken ct)
    {
        var (id, isNew, processed) = await store.StoreAsync(row, ct);

        // A new row goes to its first attempt as it is (nothing to read back); a redelivery is read from the database.
        var fresh = isNew ? new FreshActivity(row, activity, sender) : null;
        if (activity.Type == ActivityTypes.Invoke)
        {
            // A redelivered invoke waits in the order too: once its original has run, its turn answers the stored card.
            await AnswerAsync(http, scheduler.FillInvoke(slot, id, attemptCounted: isNew, fresh), ct, (activity, id));
            return;
        }

        if (isNew || !processed)
        {
            scheduler.Fill(slot, id, attemptCounted: isNew, fresh);
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>Answers Teams: an invoke with its card (<see cref="WaitForCardAsync"/>), anything else (no waiter) at once.</summary>
    /// <paramref name="stored"/>: the invoke and its stored row, when any instance's turn may run it (not one claimed here).
    private async Task AnswerAsync(HttpContext http, InvokeWaiter? waiter, CancellationToken ct, (Activity Activity, long Id)? stored = null)
    {
        var response = waiter is null ? null : await WaitForCardAsync(waiter, stored, ct);
        http.Response.StatusCode = response?["statusCode"]?.GetValue<int>() ?? StatusCodes.Status200OK;
        if (response is not null)
        {
            await http.Response.WriteAsJsonAsync(response, BotJson.Options, ct);
        }
    }

    /// <summary>
    /// The invoke's card, awaited for at most a turn's timeout (Teams waits no longer): past it, or when Teams hangs up,
    /// the invoke is left to its turn, which posts its card as a message, and Teams is told so — unless the turn has
    /// started here, whose card then comes within the turn's own timeout, or another instance's turn has stored it
    /// meanwhile (a <paramref name="stored"/> row is marked left only while it holds no card): the card is the answer
    /// then, or, when Teams has hung up, posted as a message.
    /// </summary>
    private async Task<JsonObject?> WaitForCardAsync(InvokeWaiter waiter, (Activity Activity, long Id)? stored, CancellationToken ct)
    {
        try
        {
            return await waiter.Answer.WaitAsync(options.Value.TurnTimeout, ct);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            if (!waiter.TryGiveUp())
            {
                return await waiter.Answer;
            }

            if (stored is { } invoke && await store.LeaveAsync(invoke.Id, CancellationToken.None) is { } json && JsonNode.Parse(json) is JsonObject card)
            {
                if (e is TimeoutException)
                {
                    return card; // Teams still waits: the card after all
                }

                // Teams hung up: nobody will see this answer, and the turn that stored the card left it to this receiver.
                await processor.PostStoredCardAsync(invoke.Activity, card, invoke.Id, CancellationToken.None);
                return null;
            }

            LogInvokeLeft(logger);
            return e is TimeoutException ? TurnProcessor.Invoke(Cards.Card.Create([Cards.Card.Text(TeamsTexts.InvokeQueued)])) : null;
        }
    }

    private async Task<string?> AuthenticateAsync(HttpContext http, string authorization, Activity activity, BotConnectorOptions o, CancellationToken ct)
    {
        if (o.HasCredentials && (authorization.Length > 0 || !o.AllowUnauthenticatedLocal))
        {
            return await validator.ValidateAsync(authorization, activity.ChannelId!, activity.ServiceUrl!, ct);
        }

        if (!o.AllowUnauthenticatedLocal)
        {
            return "no credentials";
        }

        // Local mode: only a caller on this machine, and replies only to a connector on this machine. A request relayed
        // by a reverse proxy on this machine also arrives from loopback: refused, or the proxy would open the
        // unauthenticated mode to everybody it serves.
        var remote = http.Connection.RemoteIpAddress;
        if (remote is not null && !IPAddress.IsLoopback(remote) && !remote.Equals(IPAddress.IPv6Loopback))
        {
            return "local mode accepts loopback callers only";
        }

        if (Jobs.Hosting.RelayedRequests.IsRelayedByProxy(http.Request))
        {
            return "local mode refuses requests relayed by a proxy";
        }

        return BotConnectorOptionsValidator.IsLoopbackUrl(activity.ServiceUrl!) ? null : "local mode replies to loopback service URLs only";
    }

    private TeamsInboundActivity NewRow(Activity activity, string body) =>
        new()
        {
            ActivityId = string.IsNullOrWhiteSpace(activity.Id) ? "sin-id-" + Guid.NewGuid().ToString("N") : activity.Id,
            ConversationId = activity.Conversation!.Id!,
            ChannelId = activity.ChannelId!,
            Type = activity.Type!,
            Body = body,
            ReceivedAt = time.GetUtcNow(),

            // The first attempt, which follows at once, is counted with the row (no separate write to count it).
            Attempts = 1,
        };

    private static async Task<string?> ReadBodyAsync(HttpRequest request, int max, CancellationToken ct)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static Task Problem(HttpContext http, HttpStatusCode status, string title, string detail)
    {
        http.Response.StatusCode = (int)status;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = (int)status, Title = title, Detail = detail },
        }).AsTask();
    }

    /// <summary>A refusal may quote what the caller sent (a channel id): one short line, whatever it was.</summary>
    private static string Bounded(string reason)
    {
        var line = string.Concat(reason.Take(200).Select(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? '?' : c));
        return reason.Length > 200 ? line + "…" : line;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Teams invoke waited longer than a turn's timeout for its turn; its card will be posted as a message")]
    private static partial void LogInvokeLeft(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams activity rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
