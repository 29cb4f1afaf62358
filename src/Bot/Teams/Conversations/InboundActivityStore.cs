using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SosepBot.Core.Persistence;
using SosepBot.Core.Teams;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>
/// Stores received activities durably before their 200, with group commit (<see cref="IGroupCommit.CommitAsync"/>):
/// the activities of requests that arrive while another write holds the lock are written together in one
/// transaction, each caller returning once its own row is committed. A redelivery (same conversation and activity
/// id) is recognised, also when it races its original, and is not stored twice.
/// </summary>
public sealed partial class InboundActivityStore(IServiceScopeFactory scopes, IGroupCommit gate, ConversationLeases leases, ILogger<InboundActivityStore> logger)
{
    // The claim's and the result number's SQL, built once per model.
    private static readonly ModelStatements<TeamsInboundActivity, Statements> Sql = new(sql =>
    {
        var (table, id, processed, result) = (sql.Table, sql.Column(nameof(TeamsInboundActivity.Id)), sql.Column(nameof(TeamsInboundActivity.ProcessedAt)), sql.Column(nameof(TeamsInboundActivity.ResultNumber)));
        return new Statements(
            $"UPDATE {table} SET {processed} = {{1}} WHERE {id} = {{0}} AND {processed} IS NULL",
            $"UPDATE {table} SET {result} = {{1}} WHERE {id} = {{0}}",
            sql.Converter(nameof(TeamsInboundActivity.ProcessedAt)));
    });

    // Asked for every redelivery: compiled once.
    private static readonly Func<SosepDbContext, string, string, CancellationToken, Task<Found?>> Find =
        EF.CompileAsyncQuery((SosepDbContext d, string conversation, string activityId, CancellationToken ct) =>
            d.TeamsInboundActivities.AsNoTracking().Where(a => a.ConversationId == conversation && a.ActivityId == activityId)
                .Select(a => new Found(a.Id, a.ProcessedAt)).FirstOrDefault());

    /// <summary>Stores the row (or finds the one already stored with its ids); returns its id, whether it is new, and whether it was processed.</summary>
    public async Task<(long Id, bool IsNew, bool Processed)> StoreAsync(TeamsInboundActivity row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        try
        {
            // No look-up first: a redelivery is rare, and the unique (conversation, activity id) index tells it apart
            // when its insert fails — also when it races its original.
            return await gate.CommitAsync(async (g, ct) =>
            {
                await InsertAsync(g, row, ct);

                // Left to the conversation's order: if another instance holds its lease, it must see this one waiting.
                await leases.MarkWaitingAsync(g, row.ConversationId, ct);

                return (row.Id, true, false);
            }, cancellationToken);
        }
        catch (Exception e) when (IsDuplicate(e))
        {
            // Stored before, or meanwhile by a redelivery racing its original (committed by now, possibly in the same group).
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
            var other = await FindAsync(db, row.ConversationId, row.ActivityId, CancellationToken.None)
                ?? throw new InvalidOperationException("The Teams activity could not be stored.");
            LogDuplicate(logger);
            return (other.Id, false, other.Processed);
        }
    }

    /// <summary>
    /// Writes a new row in the context's transaction, the provider's fastest way (<see cref="SosepDbContext.InsertAsync{T}"/>;
    /// on SQLite EF Core's SaveChanges bookkeeping for this one row cost more CPU than the rest of a status turn's writes).
    /// </summary>
    public static Task InsertAsync(SosepDbContext db, TeamsInboundActivity row, CancellationToken cancellationToken) =>
        db.InsertAsync([row], cancellationToken);

    /// <summary>
    /// Marks the stored activity processed unless it already is; answers 1 when this call claimed it. Every write turn
    /// runs it: plain SQL built once from the EF model (table, columns, the instant's converter), with no LINQ query to
    /// translate or look up per call (ExecuteUpdate's was a twentieth of an "open a ticket" turn's CPU).
    /// </summary>
    public static Task<int> ClaimAsync(SosepDbContext db, long id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sql = Sql.For(db);
        return db.Database.ExecuteSqlRawAsync(sql.Claim, [id, sql.Instant?.ConvertToProvider(at) ?? at], cancellationToken);
    }

    /// <summary>Records the request a card's activity produced (see <see cref="TeamsInboundActivity.ResultNumber"/>).</summary>
    public static Task<int> SetResultNumberAsync(SosepDbContext db, long id, string number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ExecuteSqlRawAsync(Sql.For(db).SetResultNumber, [id, number], cancellationToken);
    }

    /// <summary>
    /// The receiver of a stored invoke stops waiting for its card (<see cref="TeamsInboundActivity.ReceiverLeft"/>): marked
    /// unless a turn has stored the card already, which is then returned for the receiver to answer with after all. Seldom
    /// (a wait that outlasted Teams' patience): plain LINQ.
    /// </summary>
    public async Task<string?> LeaveAsync(long id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
        var marked = await db.TeamsInboundActivities.Where(a => a.Id == id && a.Response == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ReceiverLeft, true), cancellationToken);
        return marked == 1 ? null : await ResponseAsync(db, id, cancellationToken);
    }

    /// <summary>The card stored with an invoke (<see cref="TeamsInboundActivity.Response"/>), if any.</summary>
    public static Task<string?> ResponseAsync(SosepDbContext db, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.TeamsInboundActivities.AsNoTracking().Where(a => a.Id == id).Select(a => a.Response).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Counts an attempt of the stored activity (<paramref name="by"/> 1: before a run that was not counted with the row),
    /// or gives one back (-1: the attempt counted with the row when it was stored, for the run that follows at once
    /// (<see cref="ActivityReceiver"/>), when that run found it claimed by another instance's, which counted its own), so
    /// that an activity run once shows one attempt; never below zero. The caller goes through the writer.
    /// </summary>
    public static Task<int> CountAttemptAsync(SosepDbContext db, long id, int by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.TeamsInboundActivities.Where(a => a.Id == id && a.Attempts + by >= 0)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Attempts, a => a.Attempts + by), cancellationToken);
    }

    /// <summary>The insert failed on the unique (conversation, activity id): the activity is stored already.</summary>
    public static bool IsDuplicate(Exception exception) =>
        exception is DbUpdateException;

    private static async Task<(long Id, bool Processed)?> FindAsync(SosepDbContext db, string conversation, string activityId, CancellationToken cancellationToken)
    {
        var found = await Find(db, conversation, activityId, cancellationToken);
        return found is null ? null : (found.Id, found.ProcessedAt is not null);
    }

    private sealed record Found(long Id, DateTimeOffset? ProcessedAt);

    private sealed record Statements(string Claim, string SetResultNumber, ValueConverter? Instant);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams activity received again; it acts once")]
    private static partial void LogDuplicate(ILogger logger);
}
