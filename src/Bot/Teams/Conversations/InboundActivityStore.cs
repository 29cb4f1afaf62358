using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Persistence;
using SosepBot.Core.Teams;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>
/// Stores received activities durably before their 200, with group commit: the activities of requests that arrive
/// while another store is being written wait for the write lock together and are then written in one transaction
/// (one commit, one sync of the log), each caller returning once its own row is committed. A redelivery (same
/// conversation and activity id) is recognised, also inside one group, and is not stored twice.
/// </summary>
public sealed partial class InboundActivityStore(IServiceScopeFactory scopes, SqliteWriteGate gate, ILogger<InboundActivityStore> logger)
{
    private readonly Lock _lock = new();
    private List<Pending> _queue = [];

    /// <summary>Stores the row (or finds the one already stored with its ids); returns its id, whether it is new, and whether it was processed.</summary>
    public async Task<(long Id, bool IsNew, bool Processed)> StoreAsync(TeamsInboundActivity row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
            var existing = await FindAsync(db, row.ConversationId, row.ActivityId, cancellationToken);
            if (existing is not null)
            {
                LogDuplicate(logger);
                return (existing.Value.Id, false, existing.Value.Processed);
            }
        }

        var pending = new Pending(row);
        lock (_lock)
        {
            _queue.Add(pending);
        }

        // Not cancelled: once queued, the row is written by whichever caller holds the lock first (a later
        // redelivery then finds it); the caller that owns it waits for the outcome.
        await gate.RunAsync(async () =>
        {
            List<Pending> batch;
            lock (_lock)
            {
                batch = _queue;
                _queue = [];
            }

            if (batch.Count > 0)
            {
                await WriteAsync(batch);
            }

            return true;
        }, CancellationToken.None);
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            var first = new Dictionary<(string, string), Pending>();
            var rows = new List<Pending>();
            foreach (var p in batch)
            {
                if (first.TryGetValue((p.Row.ConversationId, p.Row.ActivityId), out var twin))
                {
                    p.Twin = twin;
                }
                else
                {
                    first[(p.Row.ConversationId, p.Row.ActivityId)] = p;
                    rows.Add(p);
                }
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
            try
            {
                db.TeamsInboundActivities.AddRange(rows.Select(p => p.Row));
                await db.SaveChangesAsync(CancellationToken.None);
                foreach (var p in rows)
                {
                    p.Done.TrySetResult((p.Row.Id, true, false));
                }
            }
            catch (DbUpdateException)
            {
                // One of them was stored meanwhile (a redelivery racing its original): one at a time.
                foreach (var p in rows)
                {
                    db.ChangeTracker.Clear();
                    p.Row.Id = 0;
                    p.Done.TrySetResult(await WriteOneAsync(db, p.Row));
                }
            }

            foreach (var p in batch.Where(p => p.Twin is not null))
            {
                var (id, _, processed) = await p.Twin!.Done.Task;
                LogDuplicate(logger);
                p.Done.TrySetResult((id, false, processed));
            }
        }
        catch (Exception e)
        {
            foreach (var p in batch)
            {
                p.Done.TrySetException(e);
            }
        }
    }

    private async Task<(long Id, bool IsNew, bool Processed)> WriteOneAsync(SosepDbContext db, TeamsInboundActivity row)
    {
        if (await FindAsync(db, row.ConversationId, row.ActivityId, CancellationToken.None) is { } found)
        {
            LogDuplicate(logger);
            return (found.Id, false, found.Processed);
        }

        db.TeamsInboundActivities.Add(row);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
            return (row.Id, true, false);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var other = await FindAsync(db, row.ConversationId, row.ActivityId, CancellationToken.None) ?? throw new InvalidOperationException("The activity could not be stored.");
            LogDuplicate(logger);
            return (other.Id, false, other.Processed);
        }
    }

    private static async Task<(long Id, bool Processed)?> FindAsync(SosepDbContext db, string conversation, string activityId, CancellationToken cancellationToken)
    {
        var found = await db.TeamsInboundActivities.AsNoTracking()
            .Where(a => a.ConversationId == conversation && a.ActivityId == activityId)
            .Select(a => new { a.Id, a.ProcessedAt }).FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.Id, found.ProcessedAt is not null);
    }

    private sealed class Pending(TeamsInboundActivity row)
    {
        public TeamsInboundActivity Row { get; } = row;

        public Pending? Twin { get; set; }

        public TaskCompletionSource<(long Id, bool IsNew, bool Processed)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams activity received again; it acts once")]
    private static partial void LogDuplicate(ILogger logger);
}
