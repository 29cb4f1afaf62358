using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SosepBot.Core.Persistence;

namespace SosepBot.Persistence;

/// <summary>
/// SQLite's write of <see cref="SosepDbContext.InsertAsync{T}"/>: many NEW rows of one mapped entity type inserted
/// with a single prepared statement (<see cref="InsertPlan"/>), executed row after row on the context's connection
/// inside its current transaction, instead of EF Core's per-row SaveChanges bookkeeping, which is the cost there (≈10 µs
/// against ≈100+ µs per row measured here). It writes exactly what SaveChanges writes (a test compares the stored
/// columns of both); store-generated keys are read back into the entities; the rows are not tracked by the context.
/// </summary>
internal static class BulkInsert
{
    /// <summary>
    /// Rows whose key is not generated (a request's search words: sixteen and more a request) go <see cref="Chunk"/> at a
    /// time through a kept multi-row statement: one step and one bind pass for them all instead of a statement run per
    /// row, whose per-call cost in Microsoft.Data.Sqlite outweighed SQLite's own work for such narrow rows. The rest
    /// (and rows with a generated key, read back one by one) go through the one-row statement.
    /// </summary>
    private const int Chunk = 32;

    public static Task InsertAsync<T>(SosepDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class =>
        InsertUnit.RunAsync(db, rows, async plan =>
        {
            var chunks = plan.SetKey is null ? rows.Count / Chunk : 0;
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction(); // the caller's, or the unit's own
            if (chunks > 0)
            {
                await RunAsync(db, plan, Chunk, async (command, parameters) =>
                {
                    for (var c = 0; c < chunks; c++)
                    {
                        for (var r = 0; r < Chunk; r++)
                        {
                            Bind(plan, rows[(c * Chunk) + r], parameters, r * plan.Columns.Count);
                        }

                        await command.ExecuteNonQueryAsync(cancellationToken);
                    }
                }, transaction);
            }

            if (chunks * Chunk < rows.Count)
            {
                await RunAsync(db, plan, 1, async (command, parameters) =>
                {
                    for (var i = chunks * Chunk; i < rows.Count; i++)
                    {
                        Bind(plan, rows[i], parameters, 0);
                        if (plan.SetKey is { } setKey)
                        {
                            setKey(rows[i], await command.ExecuteScalarAsync(cancellationToken));
                        }
                        else
                        {
                            await command.ExecuteNonQueryAsync(cancellationToken);
                        }
                    }
                }, transaction);
            }
        }, e => e is SqliteException { SqliteErrorCode: 19 }, severalStatements: rows.Count > 1, failedStatementEndsTransaction: false, cancellationToken);

    private static void Bind(InsertPlan plan, object row, DbParameter[] parameters, int first)
    {
        for (var i = 0; i < plan.Columns.Count; i++)
        {
            var column = plan.Columns[i];
            var value = column.Read(row);
            parameters[first + i].Value = value is null ? DBNull.Value : column.Mapping.Converter?.ConvertToProvider(value) ?? value;
        }
    }

    /// <summary>Runs <paramref name="use"/> with the kept statement inserting <paramref name="rows"/> rows of <paramref name="plan"/>, in <paramref name="transaction"/>; its values are cleared afterwards.</summary>
    private static async Task RunAsync(SosepDbContext db, InsertPlan plan, int rows, Func<DbCommand, DbParameter[], Task> use, DbTransaction? transaction)
    {
        var (command, parameters, kept) = Prepare(db, plan, rows);
        await using var disposeIfNotKept = kept ? null : command;
        command.Transaction = transaction;
        try
        {
            await use(command, parameters);
        }
        finally
        {
            command.Transaction = null;
            foreach (var parameter in parameters)
            {
                parameter.Value = DBNull.Value; // no row's values held between uses
            }
        }
    }

    /// <summary>The insert command of <paramref name="rows"/> rows of <paramref name="plan"/>, prepared once per open connection (<see cref="SqlitePreparedCommands"/>).</summary>
    private static (DbCommand Command, DbParameter[] Parameters, bool Kept) Prepare(DbContext db, InsertPlan plan, int rows)
    {
        var sql = rows == 1 ? plan.NamedSql : plan.NamedRows(rows);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var prepared = SqlitePreparedCommands.Of(connection);
        if (prepared.TryGet<PreparedInsert>(sql, out var found))
        {
            return (found!.Command, found.Parameters, true);
        }

        var command = connection.CreateCommand();
        command.CommandText = sql;
        var columns = plan.Columns.Count;
        var parameters = Enumerable.Range(0, rows * columns)
            .Select(i => plan.Columns[i % columns].Mapping.CreateParameter(command, "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null, nullable: true))
            .ToArray();
        command.Parameters.AddRange(parameters);
        if (!prepared.HasRoom)
        {
            return (command, parameters, false); // used once, then disposed
        }

        prepared.Add(sql, new PreparedInsert(command, parameters));
        return (command, parameters, true);
    }

    private sealed record PreparedInsert(DbCommand Command, DbParameter[] Parameters);
}
