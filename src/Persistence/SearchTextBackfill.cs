using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Persistence;
using SosepBot.Core.Requests;

namespace SosepBot.Persistence;

/// <summary>
/// Fills the folded search text (<see cref="SearchText"/>) of requests and comments written before the column existed:
/// new rows get it from their setters, and folding (accents) cannot be written in each engine's SQL alike.
/// </summary>
internal static class SearchTextBackfill
{
    private const int Batch = 500;

    public static async Task<int> RunAsync(SosepDbContext db, CancellationToken cancellationToken)
    {
        var filled = 0;
        for (long after = 0; ;)
        {
            var rows = await db.Requests.AsNoTracking().Where(r => r.SearchText == "" && r.Id > after).OrderBy(r => r.Id)
                .Select(r => new { r.Id, r.Title, r.Description }).Take(Batch).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                var text = SearchText.OfRequest(row.Title, row.Description);
                filled += await db.Requests.Where(r => r.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.SearchText, text), cancellationToken);
            }

            if (rows.Count < Batch)
            {
                break;
            }

            after = rows[^1].Id;
        }

        for (long after = 0; ;)
        {
            var rows = await db.Comments.AsNoTracking().Where(c => c.SearchText == "" && c.Text != "" && c.Id > after).OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.Text }).Take(Batch).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                var text = SearchText.Fold(row.Text);
                filled += await db.Comments.Where(c => c.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.SearchText, text), cancellationToken);
            }

            if (rows.Count < Batch)
            {
                break;
            }

            after = rows[^1].Id;
        }

        return filled;
    }
}
