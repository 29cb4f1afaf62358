using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Persistence;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Persistence;

/// <summary>
/// The savepoints the writes rely on, on the run's engine: a failed save inside a transaction leaves it usable (the
/// year's first request number retries on it) although PostgreSQL's savepoints are released only by the commit; and a
/// write alone in its group commit, which has no savepoint of its own, is undone whole when it fails.
/// </summary>
public sealed class SavepointTests
{
    [Fact]
    public async Task SaveChanges_FailsOnAKeyInsideATransaction_TheTransactionGoesOnAndKeepsTheOtherSaves()
    {
        await using var test = await TestDatabase.CreateAsync();

        await test.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            await db.InTransactionAsync(async ct =>
            {
                // Many saves, as a long unit of work makes: each leaves its savepoint to the commit on PostgreSQL.
                for (var year = 2040; year < 2060; year++)
                {
                    db.RequestCounters.Add(new RequestCounter { Year = year, Last = year - 2000 });
                    await db.SaveChangesAsync(ct);
                }

                db.ChangeTracker.Clear(); // the duplicate below meets the stored row in the database, not in the tracker
                var duplicate = new RequestCounter { Year = 2040, Last = 99 };
                db.RequestCounters.Add(duplicate);
                await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(ct));
                db.Entry(duplicate).State = EntityState.Detached;

                db.RequestCounters.Add(new RequestCounter { Year = 2060, Last = 60 });
                await db.SaveChangesAsync(ct);
                Assert.Equal(1, await db.RequestCounters.Where(c => c.Year == 2041).ExecuteUpdateAsync(s => s.SetProperty(c => c.Last, 141), ct));
            }, CancellationToken.None);
            return true;
        });

        var stored = await test.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().RequestCounters.AsNoTracking()
            .Where(c => c.Year >= 2040).OrderBy(c => c.Year).Select(c => c.Last).ToListAsync());
        Assert.Equal(Enumerable.Range(40, 20).Select(l => l == 41 ? 141 : l).Append(60), stored);
    }

    [Fact]
    public async Task CommitAsync_AloneInItsGroupAndFailing_UndoesItsWritesAndTheNextWriteIsCommitted()
    {
        await using var test = await TestDatabase.CreateAsync();
        var gate = test.Services.GetRequiredService<IGroupCommit>();

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => gate.CommitAsync<bool>(async (db, ct) =>
        {
            db.RequestCounters.Add(new RequestCounter { Year = 2070, Last = 1 });
            await db.SaveChangesAsync(ct);
            throw new InvalidOperationException("falla a propósito");
        }, CancellationToken.None));
        var next = await gate.CommitAsync(async (db, ct) =>
        {
            db.RequestCounters.Add(new RequestCounter { Year = 2071, Last = 2 });
            await db.SaveChangesAsync(ct);
            return true;
        }, CancellationToken.None);

        Assert.Equal("falla a propósito", failed.Message);
        Assert.True(next);
        var years = await test.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().RequestCounters.AsNoTracking()
            .Where(c => c.Year >= 2070).Select(c => c.Year).ToListAsync());
        Assert.Equal([2071], years);
    }
}
