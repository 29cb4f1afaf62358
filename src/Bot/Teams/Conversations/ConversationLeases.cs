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
    private static readonly Func<SosepDbContext, string, long, int, DateTimeOffset, IAsyncEnumerable<long>> Pending =
        EF.CompileAsyncQuery((SosepDbContext d, string conversation, long before, int maxAttempts, DateTimeOffset staleBefore) =>
            d.TeamsInboundActivities.AsNoTracking()
                .Where(a => a.ConversationId == conversation && a.ProcessedAt == null && a.Id < before && a.Attempts < maxAttempts
                    && (a.Type != ActivityTypes.Invoke || a.ReceivedAt <= staleBefore))
                .OrderBy(a => a.Id).Select(a => a.Id));

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
        var until = now + options.Value.ConversationLease;
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
    /// Gives the lease up if this instance still holds it (or, with a null <paramref name="conversationId"/>, every lease
    /// it holds, at a stop): its expiry set to the epoch, free for any instance whatever its clock says.
    /// </summary>
    public async Task ReleaseAsync(string? conversationId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
        var holder = InstanceId;
        var free = DateTimeOffset.UnixEpoch;
        var mine = db.ConversationLeases.Where(l => l.Holder == holder);
        if (conversationId is not null)
        {
            mine = mine.Where(l => l.ConversationId == conversationId);
        }

        await gate.RunAsync(() => mine.ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, free), cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The conversation's stored activities still to act on, received before <paramref name="before"/> (an id), in
    /// arrival order: those other instances stored, and any left by a stop or a crash. An invoke is answered in-line by
    /// the instance that received it, so only one left longer than a lease is among them.
    /// </summary>
    public async Task<List<long>> PendingAsync(string conversationId, long before, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
        var o = options.Value;
        var ids = new List<long>();
        await foreach (var id in Pending(db, conversationId, before, o.MaxTurnAttempts, time.GetUtcNow() - o.ConversationLease).WithCancellation(cancellationToken))
        {
            ids.Add(id);
        }

        return ids;
    }

    /// <summary>Conversations with activities left unprocessed for longer than a lease (their holder died, or is gone): for any instance to pick up.</summary>
    public async Task<List<string>> OrphanedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
        var o = options.Value;
        var staleBefore = time.GetUtcNow() - o.ConversationLease;
        return await db.TeamsInboundActivities.AsNoTracking()
            .Where(a => a.ProcessedAt == null && a.Attempts < o.MaxTurnAttempts && a.ReceivedAt <= staleBefore)
            .Select(a => a.ConversationId).Distinct().ToListAsync(cancellationToken);
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
