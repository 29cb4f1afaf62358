using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using SosepBot.Core.Persistence;

namespace SosepBot.Persistence;

/// <summary>
/// PostgreSQL's write of <see cref="SosepDbContext.InsertAsync{T}"/>: many NEW rows of one mapped entity type sent as
/// ONE batch of the same positional statement (<see cref="InsertPlan.PositionalSql"/>), one round trip, each row's
/// store-generated key read back from its RETURNING; rows whose key is not generated (the search words, a dozen and more
/// per request) go in a few multi-row statements instead (<see cref="InsertPlan.PositionalRows"/>): fewer statements for
/// the server to run and the client to build (measured with pg_stat_statements: 970 ms of the server's time for 121,591
/// one-row word inserts, 810 ms for as many rows in multi-row statements; the rest is each row's index entries and
/// foreign-key check). Through SaveChanges each
/// row cost the service about 100 µs of change tracking, snapshots and command building, and a request opened from a mail
/// writes some twenty rows (the request, its history, its event, its search words, the mail's record, the
/// acknowledgement). Npgsql prepares the statement after its second use on a connection (automatic preparation,
/// <see cref="SosepDbContextFactory"/>), so the server parses and plans it once. The values go through the model's type
/// mappings and converters, as SaveChanges sends them (a test compares the stored columns of both). All or none, as
/// SaveChanges (<see cref="InsertUnit"/>); outside a transaction the batch is atomic by itself (PostgreSQL runs a batch up
/// to its one Sync as one implicit transaction). The rows are not tracked.
/// </summary>
internal static class PostgreSqlBulkInsert
{
    public static Task InsertAsync<T>(SosepDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class =>
        InsertUnit.RunAsync(
            db,
            rows,
            plan => WriteAsync(db, plan, rows, cancellationToken),
            e => e is PostgresException p && p.SqlState.StartsWith("23", StringComparison.Ordinal),
            severalStatements: false,
            failedStatementEndsTransaction: true,
            cancellationToken);

    private static async Task WriteAsync<T>(DbContext db, InsertPlan plan, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());

        // The type mappings make the parameters (the provider type, the converted value) from a command; the batch's
        // commands take them positionally.
        await using var factory = connection.CreateCommand();
        if (plan.SetKey is not { } setKey)
        {
            // No keys to read back: the rows go in multi-row statements of power-of-two sizes (1,800 search words
            // = 1,024 + 512 + 256 + 8), so the server runs a few statements instead of one per row, and each size's text
            // is prepared once and reused like the one-row statement.
            var most = MostRowsPerStatement(plan.Columns.Count);
            for (var first = 0; first < rows.Count;)
            {
                var count = PowerOfTwoAtMost(Math.Min(most, rows.Count - first));
                var command = new NpgsqlBatchCommand(plan.PositionalRows(count));
                for (var r = first; r < first + count; r++)
                {
                    AddValues(command, factory, plan, rows[r]);
                }

                batch.BatchCommands.Add(command);
                first += count;
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        foreach (var row in rows)
        {
            var command = new NpgsqlBatchCommand(plan.PositionalSql);
            AddValues(command, factory, plan, row);
            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        for (var r = 0; r < rows.Count; r++)
        {
            if (r > 0 && !await reader.NextResultAsync(cancellationToken) || !await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException($"The insert of {typeof(T).Name} returned fewer keys than rows.");
            }

            setKey(rows[r], reader.GetValue(0));
        }
    }

    private static void AddValues(NpgsqlBatchCommand command, NpgsqlCommand factory, InsertPlan plan, object row)
    {
        foreach (var column in plan.Columns)
        {
            command.Parameters.Add((NpgsqlParameter)column.Mapping.CreateParameter(factory, string.Empty, column.Read(row), nullable: true));
        }
    }

    /// <summary>The largest power of two of rows, at most 1,024, whose parameters stay within PostgreSQL's 65,535 a statement.</summary>
    private static int MostRowsPerStatement(int columns) => PowerOfTwoAtMost(Math.Min(1024, 65535 / Math.Max(columns, 1)));

    /// <summary>The largest power of two not above <paramref name="n"/> (n ≥ 1).</summary>
    private static int PowerOfTwoAtMost(int n) => 1 << System.Numerics.BitOperations.Log2((uint)n);
}
