using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SosepBot.Core.Persistence;

namespace SosepBot.Persistence;

/// <summary>
/// The <see cref="IGroupCommit"/> of every provider. On SQLite (one writer at a time), the writes queue here,
/// asynchronously, instead of meeting in the database, where a busy writer makes the others sleep and retry (long tail
/// latencies). On the server engines (PostgreSQL, SQL Server: many writers at once) each write is its own transaction.
/// Small writes go through <see cref="CommitAsync"/>: those that queue up while another write holds the lock are
/// then written together in one transaction (group commit: one commit, one sync of the log for all of them), each
/// in its own savepoint when there are several, so that one failing leaves the others' effects intact, and each caller
/// returns once the transaction holding its write has committed. A write turn (a ticket opened, an action on a
/// request) joins a group too, through <see cref="CommitOnAsync"/>: its own context becomes the group's, so that the
/// small writes waiting for the lock share its transaction and its commit instead of waiting for it and then
/// committing apart (one write turn per group: its context is the one the other writes of the group use). Bookkeeping
/// that may be lost in a crash without harm goes through <see cref="Defer"/>: it rides along with the next group
/// instead of making one (and paying a sync) of its own.
/// </summary>
public sealed partial class GroupCommit(SosepDbContextFactory factory, IServiceScopeFactory scopes, ILogger<GroupCommit> logger) : IGroupCommit, IDisposable
{
    /// <summary>How long a deferred write waits for a group to join before it makes one itself.</summary>
    public static readonly TimeSpan DeferredFlushDelay = TimeSpan.FromMilliseconds(50);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly bool _enabled = factory.Provider == DatabaseProvider.Sqlite;
    private readonly Lock _lock = new();
    private List<GroupWrite> _queue = [];
    private int _flushScheduled;
    private volatile bool _disposed;

    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!_enabled)
        {
            return await work();
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            ReleaseGate();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a context of its own inside a group transaction and returns its result once
    /// that transaction committed. The work must only write through that context (SaveChanges or ExecuteUpdate) and
    /// not call this gate. Its exception, if any, comes back here with its writes undone.
    /// </summary>
    public Task<T> CommitAsync<T>(Func<SosepDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        EnqueueAsync(new GroupWrite<T>(work ?? throw new ArgumentNullException(nameof(work)), null), cancellationToken);

    /// <summary>
    /// Like <see cref="CommitAsync"/> for a write whose services are bound to <paramref name="own"/> (a turn's scope):
    /// the group's transaction is opened on that context, and <paramref name="work"/> gets it. Its writes, and those of
    /// the small writes in the same group, are committed together. Without the gate (server engines) it is simply a
    /// transaction on <paramref name="own"/>.
    /// </summary>
    public Task<T> CommitOnAsync<T>(SosepDbContext own, Func<SosepDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(work);
        return _enabled
            ? EnqueueAsync(new GroupWrite<T>(work, own), cancellationToken)
            : own.InTransactionAsync(t => work(own, t), cancellationToken);
    }

    /// <summary>
    /// Queues a small write whose loss in a crash does no harm (bookkeeping such as "this reply was posted") and returns
    /// at once: it is written with the next group commit, or, when none comes within <see cref="DeferredFlushDelay"/>,
    /// in a group of its own. A failure is logged. Without the gate (server engines) it is written now, in its own
    /// transaction. <see cref="FlushAsync"/> writes what is still queued (at stop).
    /// </summary>
    public Task Defer(Func<SosepDbContext, CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var write = new DeferredWrite(work, logger);
        if (!_enabled)
        {
            return WriteGroupAsync([write]);
        }

        lock (_lock)
        {
            _queue.Add(write);
        }

        if (Interlocked.Exchange(ref _flushScheduled, 1) == 0)
        {
            _ = Task.Run(async () =>
            {
                await Task.Delay(DeferredFlushDelay);
                Volatile.Write(ref _flushScheduled, 0);
                try
                {
                    await FlushAsync();
                }
                catch (ObjectDisposedException)
                {
                    // The service stopped meanwhile: its stop flushed what was queued.
                }
            });
        }

        return Task.CompletedTask;
    }

    /// <summary>Writes whatever is queued (deferred writes included) now; nothing once the gate is disposed (a host stopped twice).</summary>
    public Task FlushAsync() => _enabled && !_disposed ? DrainAsync() : Task.CompletedTask;

    private async Task<T> EnqueueAsync<T>(GroupWrite<T> write, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _queue.Add(write);
        }

        // Not cancelled: once queued, the write is done by whichever caller holds the lock first.
        await DrainAsync();
        return await write.Result.WaitAsync(cancellationToken);
    }

    private Task<bool> DrainAsync() => RunAsync(async () =>
    {
        while (NextBatch() is { Count: > 0 } batch)
        {
            await WriteGroupAsync(batch);
        }

        return true;
    }, CancellationToken.None);

    /// <summary>The queued writes, but at most one with a context of its own (the others wait for the next group).</summary>
    private List<GroupWrite> NextBatch()
    {
        lock (_lock)
        {
            var batch = new List<GroupWrite>(_queue.Count);
            var rest = new List<GroupWrite>();
            var owned = false;
            foreach (var write in _queue)
            {
                if (write.Own is null || !owned)
                {
                    owned |= write.Own is not null;
                    batch.Add(write);
                }
                else
                {
                    rest.Add(write);
                }
            }

            _queue = rest;
            return batch;
        }
    }

    /// <summary>
    /// Lets the next writer in. A host whose stop ran past its shutdown timeout may be disposed while a stopping component
    /// still holds the gate; then there is nobody left to let in.
    /// </summary>
    private void ReleaseGate()
    {
        try
        {
            _gate.Release();
        }
        catch (ObjectDisposedException)
        {
            // Disposed during the stop: see above.
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _gate.Dispose();
    }

    private async Task WriteGroupAsync(List<GroupWrite> batch)
    {
        try
        {
            // The group runs on the context of the write turn it holds, if any; otherwise on one of its own.
            var own = batch.Find(w => w.Own is not null)?.Own;
            await using var scope = own is null ? scopes.CreateAsyncScope() : (AsyncServiceScope?)null;
            var db = own ?? scope!.Value.ServiceProvider.GetRequiredService<SosepDbContext>();
            var outcomes = new List<Action>(batch.Count);
            await db.InTransactionAsync(async ct =>
            {
                outcomes.Clear();
                var transaction = db.Database.CurrentTransaction!;
                if (batch.Count == 1)
                {
                    // Alone in its group: nobody else's writes to keep, so no savepoint (its failure undoes the transaction).
                    try
                    {
                        outcomes.Add(await batch[0].RunAsync(db, ct));
                        return;
                    }
                    finally
                    {
                        db.ChangeTracker.Clear();
                    }
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    var savepoint = "g" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await transaction.CreateSavepointAsync(savepoint, ct);
                    try
                    {
                        outcomes.Add(await batch[i].RunAsync(db, ct));
                        await transaction.ReleaseSavepointAsync(savepoint, ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        await transaction.RollbackToSavepointAsync(savepoint, ct);
                        await transaction.ReleaseSavepointAsync(savepoint, ct);
                        var failed = batch[i];
                        outcomes.Add(() => failed.Fail(e));
                    }
                    finally
                    {
                        db.ChangeTracker.Clear();
                    }
                }
            }, CancellationToken.None);
            foreach (var outcome in outcomes)
            {
                outcome();
            }
        }
        catch (Exception e)
        {
            foreach (var write in batch)
            {
                write.Fail(e);
            }
        }
    }

    private abstract class GroupWrite(SosepDbContext? own)
    {
        /// <summary>The context the write's services are bound to, if it brings its own.</summary>
        public SosepDbContext? Own { get; } = own;

        /// <summary>Does the write; returns what to tell the caller once the group has committed.</summary>
        public abstract Task<Action> RunAsync(SosepDbContext db, CancellationToken cancellationToken);

        public abstract void Fail(Exception exception);
    }

    /// <summary>A write nobody waits for (<see cref="Defer"/>): its failure is logged.</summary>
    private sealed class DeferredWrite(Func<SosepDbContext, CancellationToken, Task> work, ILogger logger) : GroupWrite(null)
    {
        public override async Task<Action> RunAsync(SosepDbContext db, CancellationToken cancellationToken)
        {
            await work(db, cancellationToken);
            return static () => { };
        }

        public override void Fail(Exception exception) => LogDeferredFailed(logger, exception);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A deferred bookkeeping write failed; it is not retried")]
    private static partial void LogDeferredFailed(ILogger logger, Exception exception);

    private sealed class GroupWrite<T>(Func<SosepDbContext, CancellationToken, Task<T>> work, SosepDbContext? own) : GroupWrite(own)
    {
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Result => _result.Task;

        public override async Task<Action> RunAsync(SosepDbContext db, CancellationToken cancellationToken)
        {
            var value = await work(db, cancellationToken);
            return () => _result.TrySetResult(value);
        }

        public override void Fail(Exception exception) => _result.TrySetException(exception);
    }
}
