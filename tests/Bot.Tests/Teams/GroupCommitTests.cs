using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Teams;
using SosepBot.Core.Persistence;

namespace SosepBot.Bot.Tests.Teams;

/// <summary>The group commit of the bot's small writes (stored activities, read-only turns' claims) on SQLite.</summary>
public sealed class GroupCommitTests : AnaHostTests
{
    [Fact]
    public async Task CommitAsync_OneWriteOfTheGroupFails_TheOthersAreCommittedAndItsIsUndone()
    {
        var gate = Host.Factory.Services.GetRequiredService<IGroupCommit>();
        Task<long> first = null!, failing = null!, third = null!;

        // While the lock is held the three queue up, and are then written in one transaction.
        await gate.RunAsync(() =>
        {
            first = gate.CommitAsync((db, ct) => InsertAsync(db, "a", ct), CancellationToken.None);
            failing = gate.CommitAsync<long>(async (db, ct) =>
            {
                await InsertAsync(db, "b", ct);
                throw new InvalidOperationException("falla a propósito");
            }, CancellationToken.None);
            third = gate.CommitAsync((db, ct) => InsertAsync(db, "c", ct), CancellationToken.None);
            return Task.FromResult(true);
        }, CancellationToken.None);

        await first;
        await third;
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        var stored = await Host.DbAsync(db => db.TeamsInboundActivities.Where(a => a.ConversationId == "grupo").Select(a => a.ActivityId).OrderBy(a => a).ToListAsync());
        Assert.Equal(["a", "c"], stored);
    }

    [Fact]
    public async Task Defer_RidesAlongWithTheNextGroup_AndAFailingOneLeavesTheGroupIntact()
    {
        var gate = Host.Factory.Services.GetRequiredService<IGroupCommit>();

        // Queued while the lock is held: written by the group the next write makes, before that write returns.
        await gate.RunAsync(async () =>
        {
            await gate.Defer((db, ct) => InsertAsync(db, "diferido", ct));
            await gate.Defer(async (db, ct) =>
            {
                await InsertAsync(db, "diferido-que-falla", ct);
                throw new InvalidOperationException("falla a propósito");
            });
            return true;
        }, CancellationToken.None);
        await gate.CommitAsync((db, ct) => InsertAsync(db, "el-que-espera", ct), CancellationToken.None);

        var stored = await Host.DbAsync(db => db.TeamsInboundActivities.Where(a => a.ConversationId == "grupo").Select(a => a.ActivityId).OrderBy(a => a).ToListAsync());
        Assert.Equal(["diferido", "el-que-espera"], stored);
    }

    [Fact]
    public async Task FlushAsync_AfterTheGateIsDisposed_DoesNothing()
    {
        // A host stopped twice (WebApplicationFactory disposes derived factories again) flushes a disposed gate.
        using var gate = new Persistence.GroupCommit(Host.Factory.Services.GetRequiredService<Persistence.SosepDbContextFactory>(),
            Host.Factory.Services.GetRequiredService<IServiceScopeFactory>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<Persistence.GroupCommit>.Instance);
        gate.Dispose();

        await gate.FlushAsync();
    }

    [Fact]
    public async Task Message_RedeliveredWhileOthersArrive_EachIsStoredAndAnsweredOnce()
    {
        var repeated = Host.Message(Ana, "ayuda", id: "repetido-en-grupo");
        var others = Enumerable.Range(0, 5).Select(i => Host.Message(Ana, "ayuda", id: $"otro-{i}")).ToList();

        var responses = await Task.WhenAll(others.Append(repeated).Append(repeated).Append(repeated).Select(a => Host.PostAsync(a)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Host.Connector.Posted.Count < 6 && waited.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(50);
        }

        await Task.Delay(500); // a second answer to the repeated one would arrive by now
        Assert.Equal(6, Host.Connector.Posted.Count);
        Assert.Equal(6, await Host.DbAsync(db => db.TeamsInboundActivities.CountAsync()));
        // Each processed; under a loaded machine a turn may take a second attempt (still answered once, as counted above).
        Assert.Equal(6, await Host.DbAsync(db => db.TeamsInboundActivities.CountAsync(a => a.ProcessedAt != null)));
    }

    private static async Task<long> InsertAsync(Core.Persistence.SosepDbContext db, string id, CancellationToken ct)
    {
        var row = new TeamsInboundActivity { ActivityId = id, ConversationId = "grupo", ChannelId = "msteams", Type = "message", Body = "{}" };
        db.TeamsInboundActivities.Add(row);
        await db.SaveChangesAsync(ct);
        return row.Id;
    }
}
