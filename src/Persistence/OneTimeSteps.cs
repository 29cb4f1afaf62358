using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Persistence;

namespace SosepBot.Persistence;

/// <summary>
/// Data steps that run once per database, at the first start that knows them (after the migrations): each is recorded
/// in DataSteps (<see cref="DataStep"/>) in the same transaction as its work, its row written first, so that instances
/// starting together on one server database do it once (the others wait on that row, then find it taken). A start
/// with nothing to do reads one small table.
/// </summary>
internal static class OneTimeSteps
{
    /// <summary>The steps, by name; a step's name never changes once released (a new step gets a new name).</summary>
    private static readonly IReadOnlyList<(string Name, Func<SosepDbContext, CancellationToken, Task<int>> Run)> Steps =
    [
        ("search-words-1", SearchIndexBackfill.RunAsync),
        ("people-search-name-1", SearchIndexBackfill.PeopleAsync),
    ];

    /// <summary>Runs the steps not done yet; returns the names of those run here with the rows each wrote.</summary>
    public static async Task<IReadOnlyList<(string Name, int Rows)>> RunAsync(SosepDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var done = await db.DataSteps.AsNoTracking().Select(s => s.Name).ToListAsync(cancellationToken);
        var ran = new List<(string, int)>();
        foreach (var (name, run) in Steps.Where(s => !done.Contains(s.Name)))
        {
            try
            {
                var rows = await db.InTransactionAsync(async ct =>
                {
                    db.DataSteps.Add(new DataStep { Name = name, DoneAt = time.GetUtcNow() });
                    await db.SaveChangesAsync(ct);
                    return await run(db, ct);
                }, cancellationToken);
                ran.Add((name, rows));
            }
            catch (DbUpdateException)
            {
                if (!await TakenAsync(db, name, cancellationToken))
                {
                    throw;
                }

                // Another instance did it meanwhile.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return ran;
    }

    private static async Task<bool> TakenAsync(SosepDbContext db, string name, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.DataSteps.AsNoTracking().AnyAsync(s => s.Name == name, cancellationToken);
    }
}
