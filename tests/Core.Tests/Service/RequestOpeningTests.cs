using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Errors;
using SosepBot.Core.Persistence;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Service;

/// <summary>The one way to open requests, with many at once: gapless numbers, one commit, all or none.</summary>
public sealed class RequestOpeningTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task OpenAsync_ManyRequests_GaplessNumbersInOneCommit()
    {
        var ana = await _db.PersonAsync("Ana Usuaria");
        var bruno = await _db.PersonAsync("Bruno Usuario");
        var first = await _db.Requests(s => s.Opening.OpenAsync(ana, ServiceData.Ticket("Antes"), default));

        var (opened, commits) = await _db.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            var opening = sp.GetRequiredService<RequestOpening>();
            var drafts = new List<RequestDraft>();
            for (var i = 0; i < 30; i++)
            {
                drafts.Add(await opening.DraftAsync(i % 2 == 0 ? ana : bruno, ServiceData.Ticket($"Solicitud {i}"), default));
            }

            using var counter = new CommitCounter(db.Database.GetConnectionString()!);
            var texts = new System.Collections.Concurrent.ConcurrentQueue<string>();
            using var watch = new CommandWatch(db.Database.GetConnectionString()!) { Watch = c => texts.Enqueue(c.CommandText) };
            await EfEvents.ListeningAsync();
            var result = await opening.OpenAsync(drafts, default);
            return (result, (counter.Count, Commands: texts.ToList()));
        });

        Assert.Equal(1, commits.Count);

        // The 30 numbers in one statement on the year's counter (the row every opening waits for).
        Assert.True(commits.Commands.Count(c => c.Contains("\"RequestCounters\"", StringComparison.Ordinal)) == 1, string.Join("\n---\n", commits.Commands));
        var sequence = Sequence(first.Number);
        Assert.Equal(Enumerable.Range(sequence + 1, 30).ToList(), opened.Select(o => Sequence(o.Number)).ToList());
        Assert.Equal(opened.Select((_, i) => i % 2 == 0 ? ana.PersonId : bruno.PersonId), opened.Select(o => o.Summary.Requester.Id));
        foreach (var request in opened.Where((_, i) => i % 7 == 0))
        {
            var actor = request.Summary.Requester.Id == ana.PersonId ? ana : bruno;
            var read = await _db.Requests(s => s.Queries.GetAsync(actor, request.Number, default));
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(read), System.Text.Json.JsonSerializer.Serialize(request.Details));
        }

        var (requests, events, history) = await _db.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            return (await db.Requests.CountAsync(), await db.RequestEvents.CountAsync(e => e.Kind == "created"), await db.AuditEntries.CountAsync());
        });
        Assert.Equal((31, 31, 31), (requests, events, history));
    }

    [Fact]
    public async Task OpenAsync_OneRefusedAmongMany_OpensNoneAndTakesNoNumber()
    {
        var ana = await _db.PersonAsync("Ana Usuaria");
        var first = await _db.Requests(s => s.Opening.OpenAsync(ana, ServiceData.Ticket("Antes"), default));

        await Assert.ThrowsAsync<DomainException>(() => _db.Requests(s => s.Opening.OpenAsync(ana,
            [ServiceData.Ticket("Una"), ServiceData.Ticket("   "), ServiceData.Ticket("Otra")], default)));
        var next = await _db.Requests(s => s.Opening.OpenAsync(ana, [ServiceData.Ticket("Después"), ServiceData.Ticket("Y otra")], default));

        Assert.Equal([Sequence(first.Number) + 1, Sequence(first.Number) + 2], next.Select(o => Sequence(o.Number)).ToList());
        Assert.Equal(3, await _db.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().Requests.CountAsync()));
    }

    [Fact]
    public async Task OpenAsync_InACallersTransactionRolledBack_GivesItsNumbersBack()
    {
        var ana = await _db.PersonAsync("Ana Usuaria");
        var first = await _db.Requests(s => s.Opening.OpenAsync(ana, ServiceData.Ticket("Antes"), default));

        await _db.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            // A server engine's retrying strategy wants a caller's transaction inside it.
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                var opened = await sp.GetRequiredService<RequestOpening>().OpenAsync(ana, [ServiceData.Ticket("Una"), ServiceData.Ticket("Otra")], default);
                Assert.Equal(2, opened.Count);
                await transaction.RollbackAsync();
            });
            return 0;
        });
        var next = await _db.Requests(s => s.Opening.OpenAsync(ana, ServiceData.Ticket("Después"), default));

        Assert.Equal(Sequence(first.Number) + 1, Sequence(next.Number));
        Assert.Equal(2, await _db.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().Requests.CountAsync()));
    }

    private static int Sequence(string number) => int.Parse(number.Split('-')[2], System.Globalization.CultureInfo.InvariantCulture);
}
