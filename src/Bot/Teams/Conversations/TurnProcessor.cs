using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SosepBot.Bot.Teams.BotConnector;
using SosepBot.Bot.Teams.Cards;
using SosepBot.Core.Notifications;
using SosepBot.Core.Persistence;
using SosepBot.Core.Teams;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>
/// Acts on one stored activity exactly once: claims it and acts in one transaction (the claim rolls back with a
/// failed action, so it is tried again), then posts the replies. Person lookup and file downloads happen before
/// the transaction so that no HTTP call holds it open. A read-only turn is instead stored already claimed when it is
/// received (<see cref="TryAcceptReadOnlyAsync"/>): it writes nothing else, so one write serves for both.
/// </summary>
public sealed partial class TurnProcessor(
    IServiceScopeFactory scopes,
    ConversationLeases leases,
    IGroupCommit gate,
    IOptions<BotConnectorOptions> options,
    TimeProvider time,
    ILogger<TurnProcessor> logger)
{
    /// <summary>
    /// Processes the activity; returns the invoke response (stored one when already processed), or null.
    /// <paramref name="attemptCounted"/>: the row was stored with this attempt already counted (a first attempt right
    /// after <see cref="ActivityReceiver"/> stored it), so no separate write is needed to count it.
    /// <paramref name="fresh"/>, when given, is the row the receiver has just stored (not processed yet, this first
    /// attempt counted with it) and the activity it parsed, so that neither is read back. Whether the turn acts is
    /// still decided by the claim in the database.
    /// </summary>
    public async Task<JsonObject?> ProcessAsync(
        long inboundId, FreshActivity? fresh, InvokeCard invokeCard, bool attemptCounted, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(o.TurnTimeout);
        var ct = timeout.Token;
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<SosepDbContext>();

        // One connection for the whole turn, instead of an open and a close (a pool round trip) around every query.
        await db.Database.OpenConnectionAsync(ct);
        TeamsInboundActivity row;
        Activity activity;
        if (fresh is { } f && attemptCounted && f.Row.Id == inboundId)
        {
            row = f.Row;
            activity = f.Activity;
        }
        else
        {
            var stored = await db.TeamsInboundActivities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == inboundId, ct);
            if (stored is null)
            {
                return null;
            }

            if (stored.ProcessedAt is not null)
            {
                if (stored.Response is null && stored.AnswerPending && stored.Type == ActivityTypes.Invoke)
                {
                    // A redelivered read-only invoke whose original turn ran just before it, in this order: the original's
                    // card is kept by a deferred write (RunClaimedAsync) that may still wait for its group commit.
                    await gate.FlushAsync();
                    return Stored(await InboundActivityStore.ResponseAsync(db, inboundId, ct));
                }

                return Stored(stored.Response);
            }

            row = stored;
            activity = JsonSerializer.Deserialize<Activity>(row.Body, BotJson.Options)!;
        }

        // Every attempt is counted before it acts (so that an activity whose turn crashes the process is not tried
        // for ever at each start); the first one was counted when the activity was stored.
        var attempt = row.Attempts;
        if (!attemptCounted)
        {
            if (row.Attempts >= o.MaxTurnAttempts)
            {
                return null;
            }

            await gate.RunAsync(() => InboundActivityStore.CountAttemptAsync(db, inboundId, 1, ct), ct);
            attempt++;
        }

        // An invoke's card goes back in its HTTP answer while the instance that received it waits for it (at most a
        // turn's timeout), else it is posted as a message.
        var invokeResultAsMessage = invokeCard switch
        {
            InvokeCard.InResponse => false,
            InvokeCard.AsMessage => true,
            _ => activity.Type != ActivityTypes.Invoke || row.ReceivedAt <= time.GetUtcNow() - o.TurnTimeout,
        };
        var connector = sp.GetRequiredService<ConnectorClient>();
        using var logScope = logger.BeginScope(new Dictionary<string, object?> { ["ConversationId"] = row.ConversationId, ["ActivityId"] = row.ActivityId });
        TurnResult? result;
        long? personId = null;
        List<OutboxMessage>? escrowed = null;
        try
        {
            // The sender the receiver looked up already (a first attempt), or looked up now.
            var person = fresh is { Sender: { } sender } && ReferenceEquals(row, fresh.Row)
                ? sender.Person
                : await sp.GetRequiredService<PersonResolver>().ResolveAsync(activity, ct);
            personId = person?.Id;
            var (files, failed) = person is not null && activity.Type == ActivityTypes.Message && activity.Attachments is { Count: > 0 }
                ? await sp.GetRequiredService<ChatFileDownloader>().DownloadAsync(activity, ct)
                : ([], 0);
            var input = new TurnInput(activity, inboundId, person, files, failed);
            var bot = sp.GetRequiredService<TeamsBot>();

            // The stored conversation reference is compared outside the write lock; it is written (under the lock) only
            // when this activity changes it, which after a person's first activity is seldom.
            var referenceCurrent = person is null || await sp.GetRequiredService<ConversationReferences>().IsCurrentAsync(person.Id, activity, ct);
            async Task<TurnResult?> ActAsync(SosepDbContext d, TurnResult? prepared, CancellationToken t)
            {
                // The claim comes first: a concurrent or repeated run of the same activity finds it taken and acts not at all.
                var claimed = await InboundActivityStore.ClaimAsync(d, inboundId, time.GetUtcNow(), t);
                if (claimed == 0)
                {
                    return null;
                }

                var turn = prepared ?? await bot.OnTurnAsync(input, t);
                if (!referenceCurrent)
                {
                    await new ConversationReferences(d, time).RememberAsync(person!.Id, activity, t);
                }

                if (turn.Invoke is not null)
                {
                    var json = turn.Invoke.ToJsonString(BotJson.Options);
                    await d.TeamsInboundActivities.Where(a => a.Id == inboundId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Response, json), t);

                    // Left for its receiver (on another instance, perhaps): unless that receiver stopped waiting before the
                    // card was stored (InboundActivityStore.LeaveAsync, which marks only while no card is stored), the card
                    // is posted as a message. Read after the write, so the two cannot miss each other.
                    if (invokeCard == InvokeCard.ToItsReceiver && !invokeResultAsMessage)
                    {
                        invokeResultAsMessage = await d.TeamsInboundActivities.Where(a => a.Id == inboundId).Select(a => a.ReceiverLeft).FirstAsync(t);
                    }
                }

                // A turn that changed something writes its replies to the outbox with its changes, due later, so that a
                // crash between this commit and the posts cannot leave the person without the answer (an invoke's
                // answer goes back in its HTTP response instead).
                if (prepared is null && personId is { } recipient && activity.Type != ActivityTypes.Invoke)
                {
                    var due = time.GetUtcNow() + o.ReplyEscrowDelay;
                    escrowed = Outgoing(activity, turn, invokeResultAsMessage).Select((m, i) => ToOutbox(m.Message, inboundId, i, recipient, due)).ToList();
                    if (escrowed.Count > 0)
                    {
                        await d.InsertAsync(escrowed, t);
                    }
                }

                return turn;
            }

            if (TeamsBot.IsReadOnly(input))
            {
                // Nothing of the turn writes (a status card, the menu, help…): it runs outside the write lock, and only
                // the claim (and the conversation reference, when it changed) is written, in a group commit with the
                // other small writes waiting for the lock. A concurrent run of the same activity may compute the turn
                // too, but only the one whose claim succeeds replies.
                var prepared = await bot.OnTurnAsync(input, ct);
                result = await gate.CommitAsync((g, t) => ActAsync(g, prepared, t), ct);
            }
            else
            {
                // A write turn joins the group commit on its own context (its services are bound to it): the small
                // writes waiting for the lock share its transaction and its commit.
                result = await gate.CommitOnAsync(db, (d, t) => ActAsync(d, null, t), ct);
            }
        }

        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            LogFailure(e, row.Type, attempt);
            var error = $"{e.GetType().Name}";
            await db.TeamsInboundActivities.Where(a => a.Id == inboundId).ExecuteUpdateAsync(s => s.SetProperty(a => a.LastError, error), CancellationToken.None);
            var apology = "Lo siento: no pude completar lo que pidió por un error interno. Quedó registrado; intente de nuevo en unos minutos.";
            if (attempt >= o.MaxTurnAttempts || activity.Type == ActivityTypes.Invoke)
            {
                if (activity.Type == ActivityTypes.Invoke)
                {
                    return Invoke(Card.Create([Card.Error(apology)], [Card.Execute("Menú", "menu")]));
                }

                await TrySendAsync(connector, activity.CreateReply(apology), CancellationToken.None);
            }

            if (e is OperationCanceledException)
            {
                return null;
            }

            throw;
        }

        if (result is null)
        {
            if (attemptCounted)
            {
                // Claimed meanwhile by another instance's run, which counted an attempt of its own: the one counted with
                // the row when it was stored here was never made.
                await gate.RunAsync(() => InboundActivityStore.CountAttemptAsync(db, inboundId, -1, cancellationToken), cancellationToken);
            }

            return Stored(await InboundActivityStore.ResponseAsync(db, inboundId, cancellationToken));
        }

        await DeliverAsync(connector, activity, result, invokeResultAsMessage, inboundId, personId, escrowed, cancellationToken);
        return result.Invoke;
    }

    /// <summary>
    /// The fast path of a read-only turn (a status, the menu, a list, help…) of a person already known by their object
    /// id: the activity is stored already claimed — with the conversation reference, when it changed — in one group
    /// commit, so that the turn needs no second write to claim it; the caller answers Teams once it is stored and queues
    /// the returned continuation in the conversation's order (<see cref="TurnScheduler.FillClaimed"/>), which
    /// computes the turn — after the turns queued before it — and posts its replies. If the turn fails, the
    /// continuation un-claims the row and answers false: the scheduler then tries it again like any failed turn.
    /// Answers no turn, having stored nothing, when the activity is not such a turn (or is a redelivery), or when another
    /// instance holds the conversation's lease (taken in the same commit, its expiry returned): the caller takes the
    /// usual path, with the sender when it was looked up here, so that the turn does not look it up again.
    /// </summary>
    public async Task<ReadOnlyAcceptance> TryAcceptReadOnlyAsync(TeamsInboundActivity row, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Type is not (ActivityTypes.Message or ActivityTypes.ConversationUpdate or ActivityTypes.Invoke) || activity.Attachments is { Count: > 0 })
        {
            return ReadOnlyAcceptance.NotTaken(null);
        }

        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<SosepDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (await sp.GetRequiredService<PersonResolver>().FindKnownAsync(activity, cancellationToken) is not { } known)
        {
            return ReadOnlyAcceptance.NotTaken(null);
        }

        var person = known.Person;
        if (!TeamsBot.IsReadOnly(new TurnInput(activity, 0, person, [], 0)))
        {
            return ReadOnlyAcceptance.NotTaken(known);
        }

        var referenceCurrent = person is null || await sp.GetRequiredService<ConversationReferences>().IsCurrentAsync(person.Id, activity, cancellationToken);
        row.ProcessedAt = time.GetUtcNow();
        row.AnswerPending = true; // until its answer is posted (see ConversationLeases.GiveBackUnansweredAsync)
        DateTimeOffset lease;
        try
        {
            lease = await gate.CommitAsync(async (g, t) =>
            {
                // Only while this instance may act on the conversation now: otherwise its holder must see the activity waiting.
                var held = await leases.TakeAsync(g, row.ConversationId, t) ?? throw new LeaseTakenException();
                await InboundActivityStore.InsertAsync(g, row, t);
                if (!referenceCurrent)
                {
                    await new ConversationReferences(g, time).RememberAsync(person!.Id, activity, t);
                }

                return held;
            }, cancellationToken);
        }
        catch (Exception e) when (e is LeaseTakenException || InboundActivityStore.IsDuplicate(e))
        {
            // Most likely a redelivery (the unique activity id): the usual path tells it apart.
            row.ProcessedAt = null;
            row.AnswerPending = false;
            row.Id = 0;
            return ReadOnlyAcceptance.NotTaken(known);
        }

        var input = new TurnInput(activity, row.Id, person, [], 0);
        return new ReadOnlyAcceptance((waiter, stopping) => RunClaimedAsync(input, waiter, stopping), lease, known);
    }

    /// <summary>
    /// Gives back the claim of a read-only turn stored claimed that failed (it is retried like any failed turn) or that
    /// will not run now (the service is stopping: it is processed at the next start like any accepted activity).
    /// </summary>
    public async Task UnclaimAsync(long inboundId, string? error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SosepDbContext>().TeamsInboundActivities.Where(a => a.Id == inboundId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ProcessedAt, (DateTimeOffset?)null).SetProperty(a => a.AnswerPending, false).SetProperty(a => a.LastError, error), cancellationToken);
    }

    /// <summary>The conversation's lease is another instance's (or not made yet): the read-only fast path gives way.</summary>
    private sealed class LeaseTakenException : Exception;

    /// <summary>
    /// Runs a read-only turn stored claimed and posts its replies; an invoke's card goes to <paramref name="waiter"/> while
    /// its receiver waits (else it is posted too), and is kept with the row for a redelivery.
    /// </summary>
    private async Task<bool> RunClaimedAsync(TurnInput input, InvokeWaiter? waiter, CancellationToken stopping)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var activity = input.Activity;
        using var logScope = logger.BeginScope(new Dictionary<string, object?> { ["ConversationId"] = activity.Conversation?.Id, ["ActivityId"] = activity.Id });
        TurnResult result;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(options.Value.TurnTimeout);
            await sp.GetRequiredService<SosepDbContext>().Database.OpenConnectionAsync(timeout.Token);
            result = await sp.GetRequiredService<TeamsBot>().OnTurnAsync(input, timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // Un-claimed: tried again by the scheduler (this first attempt is counted already).
            LogFailure(e, activity.Type ?? "?", 1);
            await UnclaimAsync(input.InboundId, e.GetType().Name, CancellationToken.None);
            return false;
        }

        var inResponse = waiter?.TryStart() == true;
        await DeliverAsync(sp.GetRequiredService<ConnectorClient>(), activity, result, invokeResultAsMessage: !inResponse, input.InboundId, input.Person?.Id, null, stopping);
        if (inResponse)
        {
            waiter!.Finish(result.Invoke);
        }

        // Answered (or handed to the outbox): no longer to be given back; an invoke's card kept for a redelivery.
        // Bookkeeping: lost in a crash, it costs at worst the answer posted twice.
        var id = input.InboundId;
        var response = result.Invoke?.ToJsonString(BotJson.Options);
        await gate.Defer((g, t) => g.TeamsInboundActivities.Where(a => a.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.AnswerPending, false).SetProperty(a => a.Response, a => response ?? a.Response), t));
        return true;
    }

    /// <summary>
    /// Posts what the turn produced. A message the connector still refuses after its retries (Teams down, throttling
    /// beyond Retry-After…) is not dropped: it is handed to the outbox for the sender's 1:1 chat, where it is retried with
    /// backoff and, failing that, dead-lettered where IT staff see it (GET /api/outbox/dead-letters). When the turn
    /// escrowed its replies in the outbox (<paramref name="escrowed"/>, one per message in <see cref="Outgoing"/>'s
    /// order), those posted are marked delivered and the others fall due at once, with their final content.
    /// </summary>
    private async Task DeliverAsync(
        ConnectorClient connector, Activity activity, TurnResult result, bool invokeResultAsMessage, long inboundId, long? personId,
        List<OutboxMessage>? escrowed, CancellationToken cancellationToken)
    {
        foreach (var complete in result.AfterCommit)
        {
            await complete(cancellationToken);
        }

        var outgoing = Outgoing(activity, result, invokeResultAsMessage);
        var posted = new List<int>();
        var refused = new List<int>();

        // Escrowed before the commit: as many as the turn then posts (what runs after the commit only completes them).
        var kept = escrowed?.Count ?? 0;
        try
        {
            for (var i = 0; i < outgoing.Count; i++)
            {
                var (message, isUpdate) = outgoing[i];
                var sent = isUpdate ? await TryUpdateAsync(connector, message, cancellationToken) : await TrySendAsync(connector, message, cancellationToken);
                (sent ? posted : refused).Add(i);
            }
        }
        finally
        {
            // Also when a stop interrupts the posts: those posted are marked (their copies are not sent again); those not
            // tried yet stay due at their escrow time.
            if (kept > 0)
            {
                await SettleEscrowAsync(escrowed!, outgoing, posted.Where(i => i < kept).ToList(), refused.Where(i => i < kept).ToList());
            }
        }

        if (refused.Any(i => i >= kept))
        {
            await HandOverAsync(outgoing, refused.Where(i => i >= kept).ToList(), inboundId, personId);
        }
    }

    /// <summary>What a turn posts, in order: the cards it refreshes in place, its replies, and (outside an invoke's HTTP answer) the invoke's card.</summary>
    private static List<(Activity Message, bool IsUpdate)> Outgoing(Activity activity, TurnResult result, bool invokeResultAsMessage)
    {
        var outgoing = new List<(Activity, bool)>(result.Updates.Count + result.Replies.Count + 1);
        outgoing.AddRange(result.Updates.Select(u => (u, true)));
        outgoing.AddRange(result.Replies.Select(r => (r, false)));
        if (invokeResultAsMessage && result.Invoke?["value"] is JsonObject card)
        {
            var message = activity.CreateReply();
            message.Attachments = [ActivityAttachment.Card(card.DeepClone().AsObject())];
            outgoing.Add((message, false));
        }

        return outgoing;
    }

    /// <summary>
    /// Posts as a message an invoke's card that a turn stored for its receiver when that receiver can no longer answer
    /// with it (Teams hung up on it): <see cref="ActivityReceiver"/>, after <see cref="InboundActivityStore.LeaveAsync"/>.
    /// </summary>
    public async Task PostStoredCardAsync(Activity activity, JsonObject answer, long inboundId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await DeliverAsync(scope.ServiceProvider.GetRequiredService<ConnectorClient>(), activity, new TurnResult { Invoke = answer },
            invokeResultAsMessage: true, inboundId, personId: null, escrowed: null, cancellationToken);
    }

    /// <summary>
    /// Settles the escrowed replies (<see cref="OutboxEscrow"/>): those posted are marked delivered — deferred to the next group commit: lost in a crash,
    /// the mark costs at worst a copy of the reply sent again once the escrow delay has passed; those refused for good
    /// fall due now, with what was finally built.
    /// </summary>
    private async Task SettleEscrowAsync(List<OutboxMessage> escrowed, List<(Activity Message, bool IsUpdate)> outgoing, List<int> postedAt, List<int> refusedAt)
    {
        var now = time.GetUtcNow();
        var posted = postedAt.Select(i => escrowed[i].Id).ToList();
        if (posted.Count > 0)
        {
            await gate.Defer(async (g, t) =>
            {
                foreach (var id in posted)
                {
                    await OutboxEscrow.MarkDeliveredAsync(g, id, now, t);
                }
            });
        }

        if (refusedAt.Count == 0)
        {
            return;
        }

        await gate.CommitAsync(async (g, t) =>
        {
            foreach (var i in refusedAt)
            {
                var (subject, text, payload) = Content(outgoing[i].Message);
                await OutboxEscrow.DueNowAsync(g, escrowed[i].Id, subject, text, payload, now, t);
            }

            return true;
        }, CancellationToken.None);
        LogHandedOver(logger, refusedAt.Count);
    }

    /// <summary>Queues replies the connector refused in the outbox, addressed to the person's 1:1 chat (once per turn and reply).</summary>
    private async Task HandOverAsync(List<(Activity Message, bool IsUpdate)> outgoing, List<int> undelivered, long inboundId, long? personId)
    {
        if (personId is not { } id)
        {
            LogReplyLost(logger, undelivered.Count); // nobody registered to address it to
            return;
        }

        var now = time.GetUtcNow();
        var messages = undelivered.Select(i => ToOutbox(outgoing[i].Message, inboundId, i, id, now)).ToList();
        try
        {
            await gate.CommitAsync(async (g, t) =>
            {
                g.OutboxMessages.AddRange(messages);
                await g.SaveChangesAsync(t);
                return true;
            }, CancellationToken.None);
            LogHandedOver(logger, messages.Count);
        }
        catch (DbUpdateException)
        {
            // Queued already by an earlier attempt of the same turn (the dedup key is unique).
        }
    }

    /// <summary>A reply as an outbox message for the person's 1:1 chat, due at <paramref name="due"/>; one per turn and position.</summary>
    private OutboxMessage ToOutbox(Activity reply, long inboundId, int position, long personId, DateTimeOffset due)
    {
        var (subject, text, payload) = Content(reply);
        return new OutboxMessage
        {
            Channel = OutboxChannel.Teams,
            DedupKey = string.Create(CultureInfo.InvariantCulture, $"teams-reply:{inboundId}:{position}"),
            Kind = "respuesta",
            RecipientId = personId,
            Recipient = personId.ToString(CultureInfo.InvariantCulture),
            Subject = subject,
            Text = text,
            Payload = payload,
            CreatedAt = time.GetUtcNow(),
            NextAttemptAt = due,
        };
    }

    /// <summary>A reply's subject, text and card as the outbox's Teams sender posts them.</summary>
    private static (string Subject, string Text, string? Payload) Content(Activity reply) => (
        reply.Attachments is { Count: > 0 } && !string.IsNullOrWhiteSpace(reply.Text) ? Clip(reply.Text, 400) : "Respuesta a su mensaje",
        reply.Text ?? string.Empty,
        reply.Attachments?.FirstOrDefault(a => a.ContentType == ActivityAttachment.AdaptiveCard)?.Content?.ToJsonString(BotJson.Options));

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    public static JsonObject Invoke(JsonObject card) =>
        new() { ["statusCode"] = 200, ["type"] = ActivityAttachment.AdaptiveCard, ["value"] = card };

    /// <summary>Posts a message (a reply when it names the activity it answers); false when the connector refused it for good.</summary>
    private async Task<bool> TrySendAsync(ConnectorClient connector, Activity reply, CancellationToken cancellationToken)
    {
        try
        {
            if (reply.ReplyToId is { } replyTo)
            {
                await connector.ReplyToActivityAsync(reply.ServiceUrl!, reply.Conversation!.Id!, replyTo, reply, cancellationToken);
            }
            else
            {
                await connector.SendToConversationAsync(reply.ServiceUrl!, reply.Conversation!.Id!, reply, cancellationToken);
            }

            return true;
        }
        catch (BotConnectorException e)
        {
            LogReplyFailed(logger, e.Message);
            return false;
        }
    }

    /// <summary>Replaces an earlier message (a card refreshed after an Action.Submit); when Teams refuses, posts it as a reply.</summary>
    private async Task<bool> TryUpdateAsync(ConnectorClient connector, Activity update, CancellationToken cancellationToken)
    {
        try
        {
            await connector.UpdateActivityAsync(update.ServiceUrl!, update.Conversation!.Id!, update.Id!, update, cancellationToken);
            return true;
        }
        catch (BotConnectorException e)
        {
            LogUpdateFailed(logger, (int?)e.Status ?? 0);
            update.Id = null;
            return await TrySendAsync(connector, update, cancellationToken);
        }
    }

    private static JsonObject? Stored(string? response) => response is null ? null : JsonNode.Parse(response) as JsonObject;

    /// <summary>The network (the connector or its token endpoint down): one Warning with the cause; anything else with its stack trace.</summary>
    private void LogFailure(Exception e, string type, int attempt)
    {
        if (BotConnectorException.IsExpectedFailure(e))
        {
            LogTurnFailedOnNetwork(logger, type, attempt, SosepBot.Core.Errors.NetworkFailure.Cause(e));
        }
        else
        {
            LogTurnFailed(logger, e, type, attempt);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams turn ({Type}) failed on attempt {Attempt}: {Cause}")]
    private static partial void LogTurnFailedOnNetwork(ILogger logger, string type, int attempt, string cause);

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams turn ({Type}) failed on attempt {Attempt}")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string type, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A reply could not be delivered to the Bot Connector: {Cause}")]
    private static partial void LogReplyFailed(ILogger logger, string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} undelivered repl(ies) handed to the outbox for the person's 1:1 chat")]
    private static partial void LogHandedOver(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} repl(ies) to a person who is not registered could not be delivered and are dropped")]
    private static partial void LogReplyLost(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A card could not be updated in place (status {Status}); it is posted as a reply")]
    private static partial void LogUpdateFailed(ILogger logger, int status);
}

/// <summary>Where a turn puts an invoke's card (<see cref="TurnProcessor.ProcessAsync"/>).</summary>
public enum InvokeCard
{
    /// <summary>In the invoke's HTTP answer: its receiver waits for it here.</summary>
    InResponse,

    /// <summary>Posted as a message: nobody waits for the HTTP answer any more (its receiver gave up, or it was redelivered after a stop).</summary>
    AsMessage,

    /// <summary>
    /// A stored activity, perhaps received by another instance: an invoke's card is left in its stored answer, for the
    /// instance that received it to return, while that instance may still wait for it (a turn's timeout since it
    /// arrived); older, it is posted as a message.
    /// </summary>
    ToItsReceiver,
}
