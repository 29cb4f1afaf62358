using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using SosepBot.Core.Persistence;

namespace SosepBot.Bench;

/// <summary>
/// A fresh database for a benchmark on the engine it names: a SQLite file in a folder of its own, or a new database on
/// the PostgreSQL server whose connection string (without a database) is in SOSEPBOT_BENCH_POSTGRES (else
/// SOSEPBOT_TEST_POSTGRES, which scripts/test-env/05-postgres.sh exports). Hand-written SQL of the benchmarks (seeding,
/// floors, query plans) goes through <see cref="Time(DateTimeOffset)"/>, <see cref="EmptyList"/> and <see cref="Explain"/> so one text serves both engines.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private BenchDatabase(DatabaseProvider provider, string connectionString, string directory)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Directory = directory;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>A folder of this benchmark's own (attachments, the SQLite file).</summary>
    public string Directory { get; }

    /// <summary>The settings the service reads: Database:Provider and Database:ConnectionString.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Database:Provider", Provider.ToString()),
        new("Database:ConnectionString", ConnectionString),
    ];

    /// <summary>"Sqlite" (default) or "PostgreSql", as the first argument of a bench usually says.</summary>
    public static DatabaseProvider ParseProvider(string? name) =>
        string.IsNullOrEmpty(name) ? DatabaseProvider.Sqlite
        : Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var p) && p != DatabaseProvider.SqlServer ? p
        : throw new ArgumentException($"unknown engine '{name}': Sqlite or PostgreSql");

    public static async Task<BenchDatabase> CreateAsync(DatabaseProvider provider, string name)
    {
        var directory = Path.Combine(Environment.GetEnvironmentVariable("SOSEPBOT_BENCH_DIR") ?? Path.GetTempPath(), "sosepbot-bench", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        if (provider == DatabaseProvider.Sqlite)
        {
            return new BenchDatabase(provider, $"Data Source={Path.Combine(directory, name + ".db")}", directory);
        }

        var server = Environment.GetEnvironmentVariable("SOSEPBOT_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("SOSEPBOT_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set SOSEPBOT_BENCH_POSTGRES to a PostgreSQL connection string without a database (Host=…;Port=…;Username=…;Password=…).");
        var database = string.Create(CultureInfo.InvariantCulture, $"sosepbot_bench_{name}_{Guid.NewGuid():N}");
        await ServerCommandAsync(server, $"CREATE DATABASE \"{database}\"");
        return new BenchDatabase(provider, new NpgsqlConnectionStringBuilder(server) { Database = database, MaxPoolSize = 200 }.ConnectionString, directory);
    }

    public DbConnection Connect() => Provider == DatabaseProvider.Sqlite ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);

    /// <summary>A time as the model stores it: UTC ticks on SQLite, timestamptz on PostgreSQL.</summary>
    public object Time(DateTimeOffset value) => Provider == DatabaseProvider.Sqlite ? value.UtcTicks : value.ToUniversalTime();

    public object? Time(DateTimeOffset? value) => value is { } v ? Time(v) : null;

    /// <summary>An empty list column (a request's approvals): JSON text on SQLite, an array on PostgreSQL.</summary>
    public string EmptyList => Provider == DatabaseProvider.Sqlite ? "'[]'" : "'{}'";

    /// <summary>The prefix that makes a statement answer with its plan.</summary>
    public string Explain => Provider == DatabaseProvider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ";

    /// <summary>
    /// On PostgreSQL, ANALYZE, as autovacuum does by itself once a tenth of a table changed, within a minute
    /// (autovacuum_naptime): a service that has been running has statistics for its tables, while a warm-up shorter
    /// than that minute leaves the planner taking grown tables for a few pages and scanning them whole. Call it after a
    /// warm-up. Nothing on SQLite, which has no such daemon (and the service runs no ANALYZE).
    /// </summary>
    public async Task AnalyzeAsync()
    {
        if (Provider != DatabaseProvider.PostgreSql)
        {
            return;
        }

        await using var connection = Connect();
        await connection.OpenAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        await analyze.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            var database = builder.Database;
            builder.Database = "postgres";
            await ServerCommandAsync(builder.ConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static async Task ServerCommandAsync(string server, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(server) { Pooling = false };
        builder.Database ??= "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Plain ADO.NET helpers over either engine: one statement with named (@name) parameters.</summary>
internal static class Sql
{
    public static DbCommand Command(DbConnection c, string sql, IReadOnlyDictionary<string, object?>? p = null, DbTransaction? tx = null)
    {
        var command = c.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        foreach (var (k, v) in (p ?? new Dictionary<string, object?>()).Where(x => sql.Contains(x.Key, StringComparison.Ordinal)))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = k;
            parameter.Value = v ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static async Task<long> ScalarAsync(DbConnection c, string sql, IReadOnlyDictionary<string, object?>? p = null)
    {
        await using var command = Command(c, sql, p);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Reads every row; the sum of column <paramref name="column"/> (when given) and the number of rows.</summary>
    public static async Task<(long Sum, long Sum2, int Rows)> DrainAsync(DbConnection c, string sql, IReadOnlyDictionary<string, object?>? p = null, int column = -1, int column2 = -1)
    {
        await using var command = Command(c, sql, p);
        await using var reader = await command.ExecuteReaderAsync();
        long sum = 0, sum2 = 0;
        var rows = 0;
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            sum += column >= 0 && values[column] is not DBNull ? Convert.ToInt64(values[column], CultureInfo.InvariantCulture) : 0;
            sum2 += column2 >= 0 && values[column2] is not DBNull ? Convert.ToInt64(values[column2], CultureInfo.InvariantCulture) : 0;
            rows++;
        }

        return (sum, sum2, rows);
    }

    public static async Task<IReadOnlyList<string>> LinesAsync(DbConnection c, string sql, IReadOnlyDictionary<string, object?>? p = null)
    {
        await using var command = Command(c, sql, p);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return lines;
    }
}
