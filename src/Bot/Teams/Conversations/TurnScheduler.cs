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
    /// Fills a reserved place with a read-only turn stored already claimed (see
    /// <see cref="TurnProcessor.TryAcceptReadOnlyAsync"/>); if it answers false (it failed and was un-claimed) it is
    /// tried again like any failed turn.
    /// </summary>
    /// <paramref name="lease"/>: the expiry of the conversation's lease, taken in the same transaction.
    public void FillClaimed(TurnSlot slot, long inboundId, Func<CancellationToken, Task<bool>> turn, DateTimeOffset lease)
    {
        ArgumentNullException.ThrowIfNull(slot);
        slot.Set(new QueuedTurn(inboundId, true, null, turn ?? throw new ArgumentNullException(nameof(turn)), lease));
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

        // Every lease still held here (a drain the stop cut short): free at once for the next start or another instance.
        await ReleaseAsync(null);
    }

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    private async Task DrainAsync(string conversationId)
    {
        await _started.Task;
        DateTimeOffset? held = null; // the lease's expiry while this instance holds it
        while (true)
        {
            TurnSlot? next;
            lock (_gate)
            {
                var queue = _queues[conversationId];
                if (!queue.TryDequeue(out next) && held is null)
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
                    // Before giving the conversation up: what other instances stored for it meanwhile, then the lease.
                    if (_stopping.IsCancellationRequested || await RunStoredAsync(conversationId, long.MaxValue, Queued(conversationId)) == 0)
                    {
                        await ReleaseAsync(conversationId);
                        held = null;
                    }
                }
                else if (await next.Turn is { } turn) // a place reserved on arrival waits until its activity is stored (or given up)
                {
                    held = await HoldAsync(conversationId, turn.Lease > held || held is null ? turn.Lease : held);
                    if (held is not null && !_stopping.IsCancellationRequested)
                    {
                        // Stored before it, by other instances or before a crash: they go first.
                        await RunStoredAsync(conversationId, turn.Id == 0 ? long.MaxValue : turn.Id, Queued(conversationId));
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
            await RunAsync(new QueuedTurn(id, false, null, null, null));
        }

        return pending.Count;
    }

    private async Task ReleaseAsync(string? conversationId)
    {
        try
        {
            await leases.ReleaseAsync(conversationId, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // It expires on its own.
            LogLeaseFailed(logger, e);
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
                        done = await claimed(_stopping);
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
                    await processor.ProcessAsync(id, attempt == 1 ? turn.Fresh : null, invokeResultAsMessage: true, attemptCounted: turn.Counted && attempt == 1, _stopping);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for Teams activities left by another instance failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams activity {Id} failed (attempt {Attempt})")]
    private static partial void LogRetry(ILogger logger, long id, int attempt);

    /// <summary>
    /// A stored activity waiting for its turn: its row id, whether its first attempt is counted already, what the
    /// receiver parsed (not read back), or — for a read-only turn stored claimed — the continuation that runs it and the
    /// expiry of the conversation's lease taken with it. Id 0: no activity, only a look at what is stored (<see cref="Poke"/>).
    /// </summary>
    internal sealed record QueuedTurn(long Id, bool Counted, FreshActivity? Fresh, Func<CancellationToken, Task<bool>>? Claimed, DateTimeOffset? Lease);
}

/// <summary>An activity's place in its conversation's order (see <see cref="TurnScheduler.Reserve"/>).</summary>
public sealed class TurnSlot
{
    private readonly TaskCompletionSource<TurnScheduler.QueuedTurn?> _turn = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal Task<TurnScheduler.QueuedTurn?> Turn => _turn.Task;

    internal void Set(TurnScheduler.QueuedTurn? turn) => _turn.TrySetResult(turn);
}
