using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SosepBot.Bot.Teams.BotConnector;
using SosepBot.Core.Persistence;
using SosepBot.Core.Teams;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>
/// The per-conversation lease in the database (<see cref="TeamsConversationLease"/>) that lets several service
/// instances on one database act on a conversation one at a time: the holder runs the conversation's stored activities
/// in arrival order; a holder that dies lets its lease expire (Teams:ConversationLease) and another instance takes it.
/// Taken, renewed and released by single conditional statements, the same on every engine.
/// </summary>
public sealed class ConversationLeases(IServiceScopeFactory scopes, IGroupCommit gate, IOptions<BotConnectorOptions> options, TimeProvider time)
{
    // Asked at the start and end of every turn batch: compiled once.
    private static readonly Func<SosepDbContext, string, long, int, IAsyncEnumerable<long>> Pending =
        EF.CompileAsyncQuery((SosepDbContext d, string conversation, long before, int maxAttempts) =>
            d.TeamsInboundActivities.AsNoTracking()
                .Where(a => a.ConversationId == conversation && a.ProcessedAt == null && a.Id < before && a.Attempts < maxAttempts)
                .OrderBy(a => a.Id).Select(a => a.Id));

    private readonly Lock _issuedLock = new();
    private long _lastIssued;

    /// <summary>This process's name in the leases: Teams:InstanceId, or one made unique to this process.</summary>
    public string InstanceId { get; } = string.IsNullOrWhiteSpace(options.Value.InstanceId)
        ? string.Create(CultureInfo.InvariantCulture, $"{Clip(Environment.MachineName, 40)}:{Environment.ProcessId}:{Guid.NewGuid():N}")
        : options.Value.InstanceId.Trim();

    /// <summary>Takes the conversation's lease, or renews it if this instance holds it; its expiry, or null while another instance holds it.</summary>
    public async Task<DateTimeOffset?> TryTakeAsync(string conversationId, CancellationToken cancellationToken)
    {
        try
        {
            return await gate.CommitAsync((g, t) => TakeAsync(g, conversationId, t), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance made it meanwhile, and holds it.
            return null;
        }
    }

    /// <summary>
    /// Takes or renews the lease on <paramref name="db"/> (in the caller's transaction, if any): one conditional update
    /// when the lease exists and is free or this instance's; made when the conversation has none yet (a duplicate key,
    /// thrown, when another instance made it meanwhile). Its expiry, or null while another instance holds it.
    /// </summary>
    public async Task<DateTimeOffset?> TakeAsync(SosepDbContext db, string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var holder = InstanceId;
        var now = time.GetUtcNow();
        var until = NextExpiry(now);
        var taken = await db.ConversationLeases.Where(l => l.ConversationId == conversationId && (l.Holder == holder || l.ExpiresAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        if (taken == 1)
        {
            return until;
        }

        if (await db.ConversationLeases.AnyAsync(l => l.ConversationId == conversationId, cancellationToken))
        {
            return null;
        }

        // The conversation's first lease.
        await db.InsertAsync([new TeamsConversationLease { ConversationId = conversationId, Holder = holder, ExpiresAt = until }], cancellationToken);
        return until;
    }

    /// <summary>
    /// Gives the conversation's lease up if this instance still holds it and no take or renewal later than
    /// <paramref name="known"/> (the latest expiry the caller knows of) was made here: its expiry set to the epoch, free
    /// for any instance whatever its clock says. A renewal made meanwhile by another path of this instance (an activity
    /// stored claimed as it arrived, whose turn the caller has not run yet) has a later expiry (<see cref="NextExpiry"/>),
    /// so the release leaves it alone: the lease stays this instance's until that turn has run. With
    /// <paramref name="unlessWaiting"/>, not while another instance has marked activities of the conversation waiting
    /// (<see cref="MarkWaitingAsync"/>): the mark is cleared instead and the answer is <see cref="LeaseRelease.Waiting"/>,
    /// for the caller to run them and try again.
    /// </summary>
    public async Task<LeaseRelease> ReleaseAsync(string conversationId, DateTimeOffset known, bool unlessWaiting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
        var holder = InstanceId;
        var free = DateTimeOffset.UnixEpoch;
        var mine = db.ConversationLeases.Where(l => l.ConversationId == conversationId && l.Holder == holder && l.ExpiresAt <= known);
        return await gate.RunAsync(async () =>
        {
            if (await (unlessWaiting ? mine.Where(l => !l.Waiting) : mine).ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, free), cancellationToken) == 1)
            {
                return LeaseRelease.Released;
            }

            // Not given up: marked waiting (the mark cleared here, for the caller to look), or renewed meanwhile here, or lost.
            return unlessWaiting && await mine.Where(l => l.Waiting).ExecuteUpdateAsync(s => s.SetProperty(l => l.Waiting, false), cancellationToken) == 1
                ? LeaseRelease.Waiting
                : LeaseRelease.Kept;
        }, cancellationToken);
    }

    /// <summary>
    /// Marks the conversation's lease waiting if another instance holds it (one conditional update, in the transaction
    /// of <paramref name="db"/> that stores an activity of the conversation): its holder then runs that activity before it
    /// gives the lease up (<see cref="ReleaseAsync"/>). A lease that is free, expired or this instance's is left alone:
    /// this instance takes it and runs the activity itself.
    /// </summary>
    public Task<int> MarkWaitingAsync(SosepDbContext db, string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var holder = InstanceId;
        var now = time.GetUtcNow();
        return db.ConversationLeases.Where(l => l.ConversationId == conversationId && l.Holder != holder && l.ExpiresAt > now && !l.Waiting)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Waiting, true), cancellationToken);
    }

    /// <summary>
    /// At a stop: gives up every lease this instance holds, except those of <paramref name="busy"/> (conversations whose
    /// turn the stop could not wait for: they lapse on their own, so that no other instance overtakes a turn still posting).
    /// </summary>
    public async Task ReleaseAllAsync(IReadOnlyCollection<string> busy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(busy);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
        var holder = InstanceId;
        var free = DateTimeOffset.UnixEpoch;
        var mine = db.ConversationLeases.Where(l => l.Holder == holder);
        if (busy.Count > 0)
        {
            mine = mine.Where(l => !busy.Contains(l.ConversationId));
        }

        await gate.RunAsync(() => mine.ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, free), cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The expiry of a lease taken or renewed now: Teams:ConversationLease from <paramref name="now"/>, in whole
    /// microseconds (stored exactly by every engine: SQLite's ticks, PostgreSQL's timestamptz, SQL Server's
    /// datetimeoffset(7)), and later than any this process issued before, so that an expiry names one take and
    /// <see cref="ReleaseAsync"/> can tell a later one by it.
    /// </summary>
    private DateTimeOffset NextExpiry(DateTimeOffset now)
    {
        var wanted = (now + options.Value.ConversationLease).UtcTicks;
        wanted -= wanted % TimeSpan.TicksPerMicrosecond;
        lock (_issuedLock)
        {
            _lastIssued = Math.Max(wanted, _lastIssued + TimeSpan.TicksPerMicrosecond);
            return new DateTimeOffset(_lastIssued, TimeSpan.Zero);
        }
    }

    /// <summary>
    /// The conversation's stored activities still to act on, received before <paramref name="before"/> (an id), in
    /// arrival order: those other instances stored, and any left by a stop or a crash. Invokes are among them: an invoke
    /// another instance received is acted on here in its place, its card left for that instance's HTTP answer
    /// (<see cref="InvokeCard.ToItsReceiver"/>).
    /// </summary>
    public async Task<List<long>> PendingAsync(string conversationId, long before, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
        var o = options.Value;
        var ids = new List<long>();
        await foreach (var id in Pending(db, conversationId, before, o.MaxTurnAttempts).WithCancellation(cancellationToken))
        {
            ids.Add(id);
        }

        return ids;
    }

    /// <summary>
    /// Conversations with activities left unprocessed for longer than a lease (their holder died, or is gone): for any
    /// instance to pick up. Read-only turns claimed longer than a lease ago and still unanswered, in conversations whose
    /// lease nobody holds (their instance died between the claim and the answer), are given back first, so that they
    /// are among them.
    /// </summary>
    public async Task<List<string>> OrphanedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
        var o = options.Value;
        var now = time.GetUtcNow();
        var staleBefore = now - o.ConversationLease;
        await gate.RunAsync(() => db.TeamsInboundActivities
            .Where(a => a.AnswerPending && a.ProcessedAt <= staleBefore
                && !db.ConversationLeases.Any(l => l.ConversationId == a.ConversationId && l.ExpiresAt > now))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ProcessedAt, (DateTimeOffset?)null).SetProperty(a => a.AnswerPending, false), cancellationToken), cancellationToken);
        return await db.TeamsInboundActivities.AsNoTracking()
            .Where(a => a.ProcessedAt == null && a.Attempts < o.MaxTurnAttempts && a.ReceivedAt <= staleBefore)
            .Select(a => a.ConversationId).Distinct().ToListAsync(cancellationToken);
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>What <see cref="ConversationLeases.ReleaseAsync"/> did.</summary>
public enum LeaseRelease
{
    /// <summary>Given up: free for any instance.</summary>
    Released,

    /// <summary>Kept, its waiting mark cleared: another instance stored activities of the conversation meanwhile.</summary>
    Waiting,

    /// <summary>Not given up: renewed meanwhile by this instance (a turn queued here runs under it), or no longer this instance's.</summary>
    Kept,
}
