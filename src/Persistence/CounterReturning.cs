using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Persistence;
using SosepBot.Core.Requests;

namespace SosepBot.Persistence;

/// <summary>
/// <see cref="SosepDbContext.AdvanceRequestCounterAsync"/> in ONE statement, <c>UPDATE … RETURNING</c>, on the engines
/// that have it (PostgreSQL, SQLite 3.35+): one round trip instead of two while the year's counter is locked, which
/// every opening of a request waits for. The table and column names come from the EF model (<see cref="ModelStatements{TEntity, TStatements}"/>).
/// </summary>
internal static class CounterReturning
{
    private static readonly ModelStatements<RequestCounter, string> Statement = new(sql =>
    {
        var (table, last, year) = (sql.Table, sql.Column(nameof(RequestCounter.Last)), sql.Column(nameof(RequestCounter.Year)));
        return $"UPDATE {table} SET {last} = {last} + {{0}} WHERE {year} = {{1}} RETURNING {last} AS \"Value\"";
    });

    public static async Task<int?> AdvanceAsync(SosepDbContext db, int year, int count, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQueryRaw<int>(Statement.For(db), count, year).ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }
}
