using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SosepBot.Bot.Teams.BotConnector;
using SosepBot.Core.Persistence;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>
/// Runs accepted activities after the HTTP answer (Teams gets its 200 within its 15 seconds whatever the work):
/// one conversation's activities in order, several conversations at once, a failed turn tried again, and at start
/// every activity accepted but not acted on before a stop or crash. Several instances on one database take turns per
/// conversation through its lease (<see cref="ConversationLeases"/>): the holder runs, in arrival order, what any
/// instance stored for it; this in-process order is the fast path inside one instance.
/// </summary>
public sealed partial class TurnScheduler(
    TurnProcessor processor,
    ConversationLeases leases,
    IGroupCommit writes,
    IServiceScopeFactory scopes,
    IOptions<BotConnectorOptions> options,
    TimeProvider time,
    ILogger<TurnScheduler> logger) : BackgroundService
{
    private readonly Dictionary<string, Queue<TurnSlot>> _queues = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentTurns, options.Value.MaxConcurrentTurns);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationToken _stopping;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Task, bool> _drains = new();
    private int _running;

    /// <summary>Activities waiting or running (for tests and health).</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queues.Values.Sum(q => q.Count) + Volatile.Read(ref _running);
            }
        }
    }

    /// <summary>
    /// Takes the activity's place in its conversation's order as it arrives, before it is stored: the conversation's
    /// next turns wait for this place to be filled (<see cref="Fill"/>, <see cref="FillClaimed"/>) or given up
    /// (<see cref="Release"/>), so that two activities arriving close together run in the order they arrived, not in
    /// the order their writes happened to commit.
    /// </summary>
    public TurnSlot Reserve(string conversationId)
    {
        var slot = new TurnSlot();
        Add(conversationId, slot);
        return slot;
    }

    /// <summary>Fills a reserved place with an activity just stored (its row and parsed activity handed to the first attempt).</summary>
    public void Fill(TurnSlot slot, long inboundId, bool attemptCounted, FreshActivity? fresh)
    {
        ArgumentNullException.ThrowIfNull(slot);
        slot.Set(new QueuedTurn(inboundId, attemptCounted, fresh, null, null));
    }

    /// <summary>
    /// Fills a reserved place with an invoke just stored (or a redelivery of one): it runs in its conversation's order
    /// like any activity, and its card goes back through the answer, which the receiver waits for to answer Teams' HTTP
    /// request (<see cref="InvokeWaiter"/>).
    /// </summary>
    public InvokeWaiter FillInvoke(TurnSlot slot, long inboundId, bool attemptCounted, FreshActivity? fresh)
    {
        ArgumentNullException.ThrowIfNull(slot);
        var waiter = new InvokeWaiter();
        slot.Set(new QueuedTurn(inboundId, attemptCounted, fresh, null, null, waiter));
        return waiter;
    }

    /// <summary>
    /// Fills a reserved place with a read-only turn stored already claimed (see
    /// <see cref="TurnProcessor.TryAcceptReadOnlyAsync"/>); if it answers false (it failed and was un-claimed) it is
    /// tried again like any failed turn.
    /// </summary>
    /// <paramref name="lease"/>: the expiry of the conversation's lease, taken in the same transaction.
    /// For an invoke, the answer its receiver waits for is returned (else null).
    public InvokeWaiter? FillClaimed(TurnSlot slot, long inboundId, Func<InvokeWaiter?, CancellationToken, Task<bool>> turn, DateTimeOffset lease, bool invoke)
    {
        ArgumentNullException.ThrowIfNull(slot);
        var waiter = invoke ? new InvokeWaiter() : null;
        slot.Set(new QueuedTurn(inboundId, true, null, turn ?? throw new ArgumentNullException(nameof(turn)), lease, waiter));
        return waiter;
    }

    /// <summary>Gives a reserved place up (nothing to run: a redelivery, a refused activity, a failed store). No effect once filled.</summary>
    public void Release(TurnSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        slot.Set(null);
    }

    /// <summary>Queues a stored activity at the end of its conversation's order; <paramref name="attemptCounted"/> when it was stored with its first attempt counted.</summary>
    public void Enqueue(string conversationId, long inboundId, bool attemptCounted)
    {
        var slot = new TurnSlot();
        slot.Set(new QueuedTurn(inboundId, attemptCounted, null, null, null));
        Add(conversationId, slot);
    }

    /// <summary>
    /// Has the conversation's stored activities looked at (left by a stop, a crash, or an instance that died): once this
    /// instance holds its lease, it runs them in arrival order. No effect while the conversation is being drained here.
    /// </summary>
    public void Poke(string conversationId)
    {
        lock (_gate)
        {
            if (_queues.ContainsKey(conversationId))
            {
                return;
            }
        }

        var slot = new TurnSlot();
        slot.Set(new QueuedTurn(0, false, null, null, null));
        Add(conversationId, slot);
    }

    private void Add(string conversationId, TurnSlot slot)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        lock (_gate)
        {
            if (_queues.TryGetValue(conversationId, out var queue))
            {
                queue.Enqueue(slot);
                return;
            }

            _queues[conversationId] = new Queue<TurnSlot>([slot]);
        }

        var drain = Task.Run(() => DrainAsync(conversationId));
        _drains.TryAdd(drain, true);
        _ = drain.ContinueWith(t => _drains.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        _started.TrySetResult();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
        var max = options.Value.MaxTurnAttempts;
        var left = await db.TeamsInboundActivities.AsNoTracking()
            .Where(a => a.ProcessedAt == null && a.Attempts < max)
            .GroupBy(a => a.ConversationId).Select(g => new { ConversationId = g.Key, Count = g.Count() }).ToListAsync(stoppingToken);
        if (left.Count > 0)
        {
            LogRecovering(logger, left.Sum(a => a.Count));
        }

        // Each conversation's leftovers run in arrival order once this instance holds its lease.
        foreach (var a in left)
        {
            Poke(a.ConversationId);
        }

        // What an instance that died left behind is picked up once its lease has expired.
        var every = options.Value.ConversationLease;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, time, stoppingToken);
                foreach (var conversation in await leases.OrphanedAsync(stoppingToken))
                {
                    Poke(conversation);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogSweepFailed(logger, e);
            }
        }
    }

    /// <summary>
    /// Stops taking turns, then waits (within the host's shutdown time) for the conversations being drained to notice:
    /// a turn the stop interrupts gives its claim back through the database, which must still be there.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await Task.WhenAll(_drains.Keys).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Shutdown time is up, or a turn ended by the stop itself: stop anyway.
        }

        // The bookkeeping the turns deferred (replies marked delivered): without it, their escrowed copies would be sent again.
        await writes.FlushAsync();

        // Every lease still held here (a drain the stop cut short): free at once for the next start or another instance;
        // but not those of conversations whose drain is still running past the shutdown time (a turn may still be posting).
        List<string> busy;
        lock (_gate)
        {
            busy = [.. _queues.Keys];
        }

        try
        {
            await leases.ReleaseAllAsync(busy, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // They expire on their own.
            LogLeaseFailed(logger, e);
        }
    }

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    private async Task DrainAsync(string conversationId)
    {
        await _started.Task;
        var holding = new Holding(); // the lease while this instance holds it: the latest expiry known here, and its keeper
        while (true)
        {
            TurnSlot? next;
            lock (_gate)
            {
                var queue = _queues[conversationId];
                if (!queue.TryDequeue(out next) && holding.Until is null)
                {
                    _queues.Remove(conversationId);
                    return;
                }

                Interlocked.Increment(ref _running);
            }

            try
            {
                if (next is null)
                {
                    // The conversation is given up, unless another instance marked activities it stored meanwhile as
                    // waiting (they run first, then the release is tried again), and only if no take here is later than
                    // the latest one this drain knows of: a read-only activity stored claimed meanwhile renewed it, and its
                    // turn (queued here already) runs under it first.
                    var known = holding.Until!.Value;
                    await holding.StopKeeperAsync();
                    if (await ReleaseAsync(conversationId, known) == LeaseRelease.Waiting)
                    {
                        holding.StartKeeper(ct => KeepAsync(conversationId, holding, ct), _stopping);
                        await RunStoredAsync(conversationId, long.MaxValue, Queued(conversationId));
                    }
                    else
                    {
                        holding.Forget();
                    }
                }
                else if (await next.Turn is { } turn) // a place reserved on arrival waits until its activity is stored (or given up)
                {
                    if (turn.Lease is { } claimed)
                    {
                        holding.Know(claimed);
                    }

                    if (await HoldAsync(conversationId, holding.Until) is { } held)
                    {
                        holding.Know(held);
                        holding.StartKeeper(ct => KeepAsync(conversationId, holding, ct), _stopping);
                        if (!_stopping.IsCancellationRequested)
                        {
                            // Stored before it, by other instances or before a crash: they go first.
                            await RunStoredAsync(conversationId, turn.Id == 0 ? long.MaxValue : turn.Id, Queued(conversationId));
                        }
                    }
                    else
                    {
                        // Stopping: the stop gives up the leases left.
                        await holding.StopKeeperAsync();
                        holding.Forget();
                    }

                    if (turn.Id != 0)
                    {
                        await RunAsync(turn); // at a stop, gives a claimed turn back
                    }
                }
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }

    /// <summary>
    /// Keeps the lease a drain holds renewed while it runs its turns (a turn may outlast half a lease: a slow database,
    /// replies held back by Teams' throttling), so that no other instance takes the conversation before its replies are
    /// posted: every quarter of Teams:ConversationLease, renewed when no more than half of it is left.
    /// </summary>
    private async Task KeepAsync(string conversationId, Holding holding, CancellationToken stop)
    {
        var o = options.Value;
        while (true)
        {
            try
            {
                await Task.Delay(o.ConversationLease / 4, time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (holding.Until is not { } until || until - time.GetUtcNow() > o.ConversationLease / 2)
            {
                continue;
            }

            try
            {
                // Not cancelled once asked for: a renewal that commits must be known here before the lease is given up.
                if (await leases.TryTakeAsync(conversationId, CancellationToken.None) is { } renewed)
                {
                    holding.Know(renewed);
                }
                else
                {
                    LogLeaseLost(logger);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogLeaseFailed(logger, e);
            }
        }
    }

    /// <summary>
    /// The conversation's lease: kept while more than half of it is left, else taken or renewed; while another instance
    /// holds it, tried again every Teams:ConversationLeaseRetry. Null when the service stops first.
    /// </summary>
    private async Task<DateTimeOffset?> HoldAsync(string conversationId, DateTimeOffset? held)
    {
        var o = options.Value;
        if (held is { } until && until - time.GetUtcNow() > o.ConversationLease / 2)
        {
            return held;
        }

        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                if (await leases.TryTakeAsync(conversationId, _stopping) is { } taken)
                {
                    return taken;
                }

                // Wall-clock pacing of the retries (the lease's expiry itself is judged on the service's clock).
                await Task.Delay(o.ConversationLeaseRetry, _stopping);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogLeaseFailed(logger, e);
                await Task.Delay(o.ConversationLeaseRetry, CancellationToken.None);
            }
        }

        return null;
    }

    /// <summary>
    /// The ids of the activities this instance has queued for the conversation (places filled, not yet run): they run
    /// in their own place, never out of it from the stored ones.
    /// </summary>
    private HashSet<long> Queued(string conversationId)
    {
        lock (_gate)
        {
            var ids = new HashSet<long>();
            if (_queues.TryGetValue(conversationId, out var queue))
            {
                foreach (var slot in queue)
                {
                    if (slot.Turn is { IsCompletedSuccessfully: true, Result: { Id: not 0 } queued })
                    {
                        ids.Add(queued.Id);
                    }
                }
            }

            return ids;
        }
    }

    /// <summary>
    /// Runs the conversation's stored activities still to act on (with ids below <paramref name="before"/>, except those
    /// queued here: <paramref name="queued"/>) in arrival order; how many.
    /// </summary>
    private async Task<int> RunStoredAsync(string conversationId, long before, HashSet<long> queued)
    {
        List<long> pending;
        try
        {
            pending = await leases.PendingAsync(conversationId, before, _stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            LogLeaseFailed(logger, e);
            return 0;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }

        pending.RemoveAll(queued.Contains);
        foreach (var id in pending)
        {
            await RunAsync(new QueuedTurn(id, false, null, null, null, FromStore: true));
        }

        return pending.Count;
    }

    /// <summary>Gives the lease up (at a stop, even when activities wait: the stop runs none); a failure is logged, and the lease expires on its own.</summary>
    private async Task<LeaseRelease> ReleaseAsync(string conversationId, DateTimeOffset known)
    {
        try
        {
            return await leases.ReleaseAsync(conversationId, known, unlessWaiting: !_stopping.IsCancellationRequested, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogLeaseFailed(logger, e);
            return LeaseRelease.Kept;
        }
    }

    /// <summary>A read-only turn stored claimed that the stop reaches before it ran: given back, for the next start.</summary>
    private async Task UnclaimIfNotRunAsync(QueuedTurn turn, int attempt)
    {
        if (attempt == 1 && turn.Claimed is not null)
        {
            try
            {
                await processor.UnclaimAsync(turn.Id, null, CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogUnclaimFailed(logger, e, turn.Id);
            }
        }
    }

    private async Task RunAsync(QueuedTurn turn)
    {
        try
        {
            await RunAttemptsAsync(turn);
        }
        finally
        {
            // An invoke's receiver is never left waiting: without a card (stopped, or every attempt failed) it answers Teams without one.
            turn.Waiter?.Finish(null);
        }
    }

    private async Task RunAttemptsAsync(QueuedTurn turn)
    {
        var id = turn.Id;
        if (_stopping.IsCancellationRequested)
        {
            await UnclaimIfNotRunAsync(turn, 1);
            return;
        }

        for (var attempt = 1; attempt <= options.Value.MaxTurnAttempts && !_stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await _slots.WaitAsync(_stopping);
            }
            catch (OperationCanceledException)
            {
                await UnclaimIfNotRunAsync(turn, attempt);
                return;
            }

            try
            {
                if (attempt == 1 && turn.Claimed is { } claimed)
                {
                    bool done;
                    try
                    {
                        done = await claimed(turn.Waiter, _stopping);
                    }
                    catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                    {
                        // Stopped before it could answer: given back for the next start.
                        await UnclaimIfNotRunAsync(turn, attempt);
                        return;
                    }

                    if (done)
                    {
                        return;
                    }

                    // It failed and was un-claimed: the next attempts go the usual way.
                    LogRetry(logger, id, attempt);
                }
                else
                {
                    // Stored activities that were already processed (a redelivery) return at once.
                    var card = turn.Waiter is { } waiter
                        ? waiter.TryStart() ? InvokeCard.InResponse : InvokeCard.AsMessage
                        : turn.FromStore ? InvokeCard.ToItsReceiver : InvokeCard.AsMessage;
                    var answer = await processor.ProcessAsync(id, attempt == 1 ? turn.Fresh : null, card, attemptCounted: turn.Counted && attempt == 1, _stopping);
                    turn.Waiter?.Finish(card == InvokeCard.InResponse ? answer : null);
                    return;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !_stopping.IsCancellationRequested)
            {
                LogRetry(logger, id, attempt);
            }
            finally
            {
                _slots.Release();
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), time, _stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Processing {Count} Teams activit(ies) accepted before the last stop")]
    private static partial void LogRecovering(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams activity {Id} could not be given back at stop; it will not be answered")]
    private static partial void LogUnclaimFailed(ILogger logger, Exception exception, long id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A conversation lease could not be read or written")]
    private static partial void LogLeaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A conversation lease held here was taken by another instance while its turns ran (it lapsed: the database was out of reach for half a lease); that conversation's replies may arrive out of order")]
    private static partial void LogLeaseLost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for Teams activities left by another instance failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams activity {Id} failed (attempt {Attempt})")]
    private static partial void LogRetry(ILogger logger, long id, int attempt);

    /// <summary>
    /// A conversation's lease while one drain of <see cref="TurnScheduler"/> holds it: the latest expiry known there (its own
    /// takes and renewals, and those of the read-only turns stored claimed that it ran), and the task that keeps it renewed.
    /// </summary>
    private sealed class Holding
    {
        private readonly Lock _lock = new();
        private DateTimeOffset? _until;
        private CancellationTokenSource? _stopKeeper;
        private Task? _keeper;

        public DateTimeOffset? Until
        {
            get
            {
                lock (_lock)
                {
                    return _until;
                }
            }
        }

        /// <summary>A take, a renewal, or a claimed turn's lease: the latest one is kept.</summary>
        public void Know(DateTimeOffset until)
        {
            lock (_lock)
            {
                _until = _until is null || until > _until ? until : _until;
            }
        }

        /// <summary>Given up (or never held): nothing known.</summary>
        public void Forget()
        {
            lock (_lock)
            {
                _until = null;
            }
        }

        public void StartKeeper(Func<CancellationToken, Task> keep, CancellationToken stopping)
        {
            if (_keeper is not null)
            {
                return;
            }

            _stopKeeper = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var token = _stopKeeper.Token;
            _keeper = Task.Run(() => keep(token), CancellationToken.None);
        }

        /// <summary>Stops the keeper and waits for a renewal it was making, so that its expiry is known before a release.</summary>
        public async Task StopKeeperAsync()
        {
            if (_keeper is null)
            {
                return;
            }

            await _stopKeeper!.CancelAsync();
            await _keeper;
            _stopKeeper.Dispose();
            (_keeper, _stopKeeper) = (null, null);
        }
    }

    /// <summary>
    /// A stored activity waiting for its turn: its row id, whether its first attempt is counted already, what the
    /// receiver parsed (not read back), or — for a read-only turn stored claimed — the continuation that runs it and the
    /// expiry of the conversation's lease taken with it; for an invoke received here, the receiver's wait for its card; and
    /// whether it was found stored (possibly by another instance) rather than queued here as it arrived. Id 0: no
    /// activity, only a look at what is stored (<see cref="Poke"/>).
    /// </summary>
    internal sealed record QueuedTurn(
        long Id, bool Counted, FreshActivity? Fresh, Func<InvokeWaiter?, CancellationToken, Task<bool>>? Claimed, DateTimeOffset? Lease, InvokeWaiter? Waiter = null, bool FromStore = false);
}

/// <summary>An activity's place in its conversation's order (see <see cref="TurnScheduler.Reserve"/>).</summary>
public sealed class TurnSlot
{
    private readonly TaskCompletionSource<TurnScheduler.QueuedTurn?> _turn = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal Task<TurnScheduler.QueuedTurn?> Turn => _turn.Task;

    internal void Set(TurnScheduler.QueuedTurn? turn) => _turn.TrySetResult(turn);
}

/// <summary>
/// The HTTP answer an invoke's receiver waits for while the invoke waits for its turn in the conversation's order
/// (<see cref="TurnScheduler.FillInvoke"/>). The receiver may give up (Teams does not wait for ever); the turn then
/// posts its card as a message instead. Once the turn has started for a receiver still waiting, the card is the
/// receiver's, and giving up is refused.
/// </summary>
public sealed class InvokeWaiter
{
    private const int Waiting = 0, Started = 1, GivenUp = 2;
    private readonly TaskCompletionSource<JsonObject?> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    /// <summary>The invoke's answer (its card), or null when the turn gives none (the service stopped, or every attempt failed).</summary>
    public Task<JsonObject?> Answer => _answer.Task;

    /// <summary>The receiver stops waiting: true unless the turn has started for it (its answer then comes within a turn's timeout).</summary>
    public bool TryGiveUp() => Interlocked.CompareExchange(ref _state, GivenUp, Waiting) != Started;

    /// <summary>The turn starts (or starts again): true while the receiver waits, so that the card goes in its answer.</summary>
    internal bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Waiting) != GivenUp;

    internal void Finish(JsonObject? answer) => _answer.TrySetResult(answer);
}
