using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SosepBot.Bot.Teams.BotConnector;
using SosepBot.Core.Persistence;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>
/// Runs accepted activities after the HTTP answer (Teams gets its 200 within its 15 seconds whatever the work):
/// one conversation's activities in order, several conversations at once, a failed turn tried again, and at start
/// every activity accepted but not acted on before a stop or crash.
/// </summary>
public sealed partial class TurnScheduler(
    TurnProcessor processor,
    IServiceScopeFactory scopes,
    IOptions<BotConnectorOptions> options,
    TimeProvider time,
    ILogger<TurnScheduler> logger) : BackgroundService
{
    private readonly Dictionary<string, Queue<(long Id, bool Counted, FreshActivity? Fresh)>> _queues = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentTurns, options.Value.MaxConcurrentTurns);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationToken _stopping;
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

    /// <summary>Queues an activity; <paramref name="attemptCounted"/> when it was stored with its first attempt counted.</summary>
    public void Enqueue(string conversationId, long inboundId, bool attemptCounted) => Enqueue(conversationId, inboundId, attemptCounted, null);

    /// <summary>Queues an activity the receiver has just stored, handing its row and parsed activity to the first attempt.</summary>
    public void Enqueue(string conversationId, long inboundId, bool attemptCounted, FreshActivity? fresh)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        lock (_gate)
        {
            if (_queues.TryGetValue(conversationId, out var queue))
            {
                queue.Enqueue((inboundId, attemptCounted, fresh));
                return;
            }

            _queues[conversationId] = new Queue<(long Id, bool Counted, FreshActivity? Fresh)>([(inboundId, attemptCounted, fresh)]);
        }

        _ = Task.Run(() => DrainAsync(conversationId));
    }

    /// <summary>
    /// Holds a conversation with nothing waiting or running, for a turn the receiver runs itself (see
    /// <see cref="TurnProcessor.TryAcceptReadOnlyAsync"/>): activities of that conversation enqueued meanwhile wait
    /// until <see cref="Release"/> (or the end of <see cref="RunHeld"/>). False when the conversation is busy.
    /// </summary>
    public bool TryHold(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        lock (_gate)
        {
            if (!_queues.TryAdd(conversationId, new Queue<(long Id, bool Counted, FreshActivity? Fresh)>()))
            {
                return false;
            }

            Interlocked.Increment(ref _running);
            return true;
        }
    }

    /// <summary>Lets a held conversation go: what was enqueued meanwhile runs now, in order.</summary>
    public void Release(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        bool drain;
        lock (_gate)
        {
            Interlocked.Decrement(ref _running);
            drain = _queues[conversationId].Count > 0;
            if (!drain)
            {
                _queues.Remove(conversationId);
            }
        }

        if (drain)
        {
            _ = Task.Run(() => DrainAsync(conversationId));
        }
    }

    /// <summary>
    /// Runs the turn of a held conversation in the background (within the concurrent-turn limit), then releases the
    /// conversation. A turn that answers false failed and was left to do: it is tried again like any failed turn.
    /// </summary>
    public void RunHeld(string conversationId, long inboundId, Func<CancellationToken, Task<bool>> turn)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(turn);
        _ = Task.Run(async () =>
        {
            var retry = false;
            try
            {
                await _started.Task;
                await _slots.WaitAsync(_stopping);
                try
                {
                    retry = !await turn(_stopping);
                }
                finally
                {
                    _slots.Release();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !_stopping.IsCancellationRequested)
            {
                LogRetry(logger, inboundId, 1);
                retry = true;
            }
            catch (OperationCanceledException)
            {
                // Stopping: the activity is claimed already (read-only turns only come here); nothing to redo.
            }
            finally
            {
                if (retry)
                {
                    lock (_gate)
                    {
                        _queues[conversationId].Enqueue((inboundId, false, null));
                    }
                }

                Release(conversationId);
            }
        });
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
            .OrderBy(a => a.Id).Select(a => new { a.Id, a.ConversationId }).ToListAsync(stoppingToken);
        if (left.Count > 0)
        {
            LogRecovering(logger, left.Count);
        }

        foreach (var a in left)
        {
            Enqueue(a.ConversationId, a.Id, attemptCounted: false);
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
        while (true)
        {
            (long Id, bool Counted, FreshActivity? Fresh) next;
            lock (_gate)
            {
                var queue = _queues[conversationId];
                if (!queue.TryDequeue(out next))
                {
                    _queues.Remove(conversationId);
                    return;
                }

                Interlocked.Increment(ref _running);
            }

            try
            {
                await RunAsync(next.Id, next.Counted, next.Fresh);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }

    private async Task RunAsync(long id, bool counted, FreshActivity? fresh)
    {
        for (var attempt = 1; attempt <= options.Value.MaxTurnAttempts && !_stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await _slots.WaitAsync(_stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                // Stored activities that were already processed (a redelivery) return at once.
                await processor.ProcessAsync(id, attempt == 1 ? fresh : null, invokeResultAsMessage: true, attemptCounted: counted && attempt == 1, _stopping);
                return;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams activity {Id} failed (attempt {Attempt})")]
    private static partial void LogRetry(ILogger logger, long id, int attempt);
}
