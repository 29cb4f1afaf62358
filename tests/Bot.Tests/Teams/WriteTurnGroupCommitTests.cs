using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Persistence;
using SosepBot.Core.Teams;

namespace SosepBot.Bot.Tests.Teams;

/// <summary>A write turn joining the group commit on its own context (<see cref="IGroupCommit.CommitOnAsync"/>).</summary>
public sealed class WriteTurnGroupCommitTests : IAsyncLifetime
{
    private TeamsHost _host = null!;

    public async Task InitializeAsync() => _host = await TeamsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CommitOnAsync_TwoWriteTurnsAmongSmallWrites_EveryWriteIsCommittedOnItsContext()
    {
        var gate = _host.Factory.Services.GetRequiredService<IGroupCommit>();
        await using var firstScope = _host.Factory.Services.CreateAsyncScope();
        await using var secondScope = _host.Factory.Services.CreateAsyncScope();
        var firstOwn = firstScope.ServiceProvider.GetRequiredService<SosepDbContext>();
        var secondOwn = secondScope.ServiceProvider.GetRequiredService<SosepDbContext>();
        Task<long> a = null!, b = null!, c = null!, d = null!;
        // The two write turns may run at once on a server engine (no single writer): collected from either thread.
        var contexts = new System.Collections.Concurrent.ConcurrentBag<SosepDbContext>();

        // While the lock is held all four queue up: the first group takes one write turn, the second the other.
        await gate.RunAsync(() =>
        {
            a = gate.CommitAsync((db, ct) => InsertAsync(db, "a", ct), CancellationToken.None);
            b = gate.CommitOnAsync(firstOwn, (db, ct) => { contexts.Add(db); return InsertAsync(db, "b", ct); }, CancellationToken.None);
            c = gate.CommitAsync((db, ct) => InsertAsync(db, "c", ct), CancellationToken.None);
            d = gate.CommitOnAsync(secondOwn, (db, ct) => { contexts.Add(db); return InsertAsync(db, "d", ct); }, CancellationToken.None);
            return Task.FromResult(true);
        }, CancellationToken.None);

        await Task.WhenAll(a, b, c, d);
        // Each write turn ran once, on its own context (in which order is the engine's affair: PostgreSQL has no single writer).
        Assert.Equal(2, contexts.Count);
        Assert.Contains(firstOwn, contexts);
        Assert.Contains(secondOwn, contexts);
        var stored = await _host.DbAsync(db => db.TeamsInboundActivities.Where(x => x.ConversationId == "turnos").Select(x => x.ActivityId).OrderBy(x => x).ToListAsync());
        Assert.Equal(["a", "b", "c", "d"], stored);
    }

    [Fact]
    public async Task CommitOnAsync_WriteTurnFails_ItsWritesAreUndoneAndTheGroupsAreKept()
    {
        var gate = _host.Factory.Services.GetRequiredService<IGroupCommit>();
        await using var scope = _host.Factory.Services.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
        Task<long> before = null!, failing = null!, after = null!;

        await gate.RunAsync(() =>
        {
            before = gate.CommitAsync((db, ct) => InsertAsync(db, "antes", ct), CancellationToken.None);
            failing = gate.CommitOnAsync<long>(own, async (db, ct) =>
            {
                await InsertAsync(db, "falla", ct);
                throw new InvalidOperationException("falla a propósito");
            }, CancellationToken.None);
            after = gate.CommitAsync((db, ct) => InsertAsync(db, "despues", ct), CancellationToken.None);
            return Task.FromResult(true);
        }, CancellationToken.None);

        await before;
        await after;
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        var stored = await _host.DbAsync(db => db.TeamsInboundActivities.Where(x => x.ConversationId == "turnos").Select(x => x.ActivityId).OrderBy(x => x).ToListAsync());
        Assert.Equal(["antes", "despues"], stored);

        // The write turn's context is usable afterwards (the reads that follow a turn's commit use it).
        Assert.Equal(2, await own.TeamsInboundActivities.CountAsync(x => x.ConversationId == "turnos"));
    }

    private static async Task<long> InsertAsync(SosepDbContext db, string id, CancellationToken ct)
    {
        var row = new TeamsInboundActivity { ActivityId = id, ConversationId = "turnos", ChannelId = "msteams", Type = "message", Body = "{}" };
        db.TeamsInboundActivities.Add(row);
        await db.SaveChangesAsync(ct);
        return row.Id;
    }
}
