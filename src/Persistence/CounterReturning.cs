using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SosepBot.Core.Persistence;
using SosepBot.Core.Requests;

namespace SosepBot.Persistence;

/// <summary>
/// <see cref="SosepDbContext.AdvanceRequestCounterAsync"/> in ONE statement, <c>UPDATE … RETURNING</c>, on the engines
/// that have it (PostgreSQL, SQLite 3.35+): one round trip instead of two while the year's counter is locked, which
/// every opening of a request waits for. The table and column names come from the EF model.
/// </summary>
internal static class CounterReturning
{
    private static readonly ConcurrentDictionary<IModel, string> Statements = new();

    public static async Task<int?> AdvanceAsync(SosepDbContext db, int year, int count, CancellationToken cancellationToken)
    {
        var statement = Statements.GetOrAdd(db.Model, model => Statement(model, db.GetService<ISqlGenerationHelper>()));
        var rows = await db.Database.SqlQueryRaw<int>(statement, count, year).ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    private static string Statement(IModel model, ISqlGenerationHelper sql)
    {
        var entity = model.FindEntityType(typeof(RequestCounter))!;
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var last = sql.DelimitIdentifier(entity.FindProperty(nameof(RequestCounter.Last))!.GetColumnName(store)!);
        var year = sql.DelimitIdentifier(entity.FindProperty(nameof(RequestCounter.Year))!.GetColumnName(store)!);
        return $"UPDATE {sql.DelimitIdentifier(store.Name, store.Schema)} SET {last} = {last} + {{0}} WHERE {year} = {{1}} RETURNING {last} AS {sql.DelimitIdentifier("Value")}";
    }
}
