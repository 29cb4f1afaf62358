using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using SosepBot.Core.Persistence;
using SosepBot.Persistence;

namespace SosepBot.TestKit;

/// <summary>
/// Which engine the tests' databases are on, and fresh databases on it. SQLite by default (a file per test); with
/// <c>SOSEPBOT_TEST_PROVIDER=PostgreSql</c> a database per test on the private server whose connection string is in
/// <c>SOSEPBOT_TEST_POSTGRES</c> (scripts/test-env/05-postgres.sh starts it): copied from a template this process
/// migrates once (CREATE DATABASE … TEMPLATE takes milliseconds, migrating takes a second), dropped at the end.
/// </summary>
public static class TestServerDatabases
{
    public const string ProviderVariable = "SOSEPBOT_TEST_PROVIDER";

    public const string PostgresVariable = "SOSEPBOT_TEST_POSTGRES";

    private static readonly SemaphoreSlim Creating = new(1, 1);
    private static string? _template;

    /// <summary>The engine of this test run (SOSEPBOT_TEST_PROVIDER; SQLite when unset).</summary>
    public static DatabaseProvider Provider { get; } =
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable(ProviderVariable), ignoreCase: true, out var provider)
            ? provider
            : DatabaseProvider.Sqlite;

    /// <summary>
    /// The settings of a new, migrated database on this run's engine: <c>Database:Provider</c> and
    /// <c>Database:ConnectionString</c> (SQLite: a file in <paramref name="directory"/>). Drop it with <see cref="DropAsync"/>.
    /// </summary>
    public static async Task<Dictionary<string, string?>> NewAsync(string directory, string fileName = "sosepbot.db") => new()
    {
        ["Database:Provider"] = Provider.ToString(),
        ["Database:ConnectionString"] = Provider == DatabaseProvider.PostgreSql
            ? await NewPostgreSqlAsync()
            : $"Data Source={Path.Combine(directory, fileName)}",
    };

    /// <summary>A new database on the private PostgreSQL, migrated; its connection string.</summary>
    public static async Task<string> NewPostgreSqlAsync()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException($"{PostgresVariable} is not set: run the tests with scripts/test.sh, which starts PostgreSQL.");
        }

        var name = $"sosepbot_test_{Guid.NewGuid():N}";
        await Creating.WaitAsync();
        try
        {
            _template ??= await CreateTemplateAsync(server);
            await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{_template}\"");
        }
        finally
        {
            Creating.Release();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a PostgreSQL database made by <see cref="NewAsync"/> (closing what still uses it); nothing for SQLite.</summary>
    public static async Task DropAsync(IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.TryGetValue("Database:Provider", out var provider) && provider == nameof(DatabaseProvider.PostgreSql)
            && settings.TryGetValue("Database:ConnectionString", out var connectionString) && connectionString is not null)
        {
            await DropPostgreSqlAsync(connectionString);
        }
    }

    public static async Task DropPostgreSqlAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database!;
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        builder.Database = "postgres";
        await ExecuteAsync(builder.ConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>A database migrated like the service migrates it, with no connection left on it, to copy from.</summary>
    private static async Task<string> CreateTemplateAsync(string server)
    {
        var name = $"sosepbot_template_{Environment.ProcessId}_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["Database:ConnectionString"] = connectionString,
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSosepPersistence();
        await using (var provider = services.BuildServiceProvider())
        {
            await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        }

        NpgsqlConnection.ClearAllPools();
        return name;
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(server) { Pooling = false };
        if (string.IsNullOrEmpty(builder.Database))
        {
            builder.Database = "postgres";
        }

        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
