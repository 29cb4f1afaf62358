using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Persistence;
using SosepBot.Core.Requests;

namespace SosepBot.Persistence;

/// <summary>
/// The one-time step (<see cref="OneTimeSteps"/>) that indexes rows written before the word index existed: the words
/// (<see cref="RequestWordIndex"/>) of every request that has none, with its comments, in batches by key, written by
/// <see cref="SosepDbContext.InsertAsync{T}"/> as every other word row, folded by <see cref="RequestWordIndex.Of"/> as
/// the service folds them (folding accents cannot be written in each engine's SQL alike, so the rows are read). Also what
/// the benchmarks' seeder runs after writing its rows with SQL.
/// </summary>
public static class SearchIndexBackfill
{
    private const int Batch = 500;

    /// <summary>Indexes the requests without words; returns the word rows written.</summary>
    public static async Task<int> RunAsync(SosepDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var written = 0;
        for (long after = 0; ;)
        {
            var requests = await db.Requests.AsNoTracking().Where(r => r.Id > after && !db.RequestWords.Any(w => w.RequestId == r.Id)).OrderBy(r => r.Id)
                .Select(r => new { r.Id, r.Title, r.Description }).Take(Batch).ToListAsync(cancellationToken);
            if (requests.Count == 0)
            {
                break;
            }

            // Each batch in a transaction (inside the one-time step's, it joins it): one commit, not one per row.
            written += await db.InTransactionAsync(async ct =>
            {
                var ids = requests.Select(r => r.Id).ToList();
                var comments = await db.Comments.AsNoTracking().Where(c => ids.Contains(c.RequestId))
                    .Select(c => new { c.RequestId, c.Text }).ToListAsync(ct);
                var byRequest = comments.ToLookup(c => c.RequestId, c => c.Text);
                var words = requests.SelectMany(r => RequestWordIndex.Of(r.Title, r.Description, byRequest[r.Id]).Select(w => new RequestWord { Word = w, RequestId = r.Id })).ToList();
                await db.InsertAsync(words, ct);
                return words.Count;
            }, cancellationToken);

            after = requests[^1].Id;
        }

        return written;
    }

    /// <summary>The folded name (<see cref="SosepBot.Core.People.Person.SearchName"/>) of people from before that column; returns how many.</summary>
    public static async Task<int> PeopleAsync(SosepDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var people = await db.People.AsNoTracking().Where(p => p.SearchName == "").Select(p => new { p.Id, p.DisplayName, p.Email }).ToListAsync(cancellationToken);
        foreach (var person in people)
        {
            var name = SearchText.OfPerson(person.DisplayName, person.Email);
            await db.People.Where(p => p.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.SearchName, name), cancellationToken);
        }

        return people.Count;
    }
}
