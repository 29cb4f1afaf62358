using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.Persistence;

namespace SosepBot.Persistence;

/// <summary>
/// Creates the SQLite folder, applies migrations, sets SQLite's journal to WAL and makes sure the request counters of
/// last, this and next year exist; runs the one-time data steps not done yet (<see cref="OneTimeSteps"/>).
/// </summary>
public sealed partial class DatabaseInitializer(
    SosepDbContextFactory factory,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseInitializer> logger,
    TimeProvider? time = null)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (factory.SqliteFile() is { } file)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        }

        await using var db = factory.Create();
        if (options.Value.MigrateOnStart)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                LogMigrating(logger, factory.Provider, pending.Count);
                await db.Database.MigrateAsync(cancellationToken);
            }
        }

        if (factory.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await EnsureCountersAsync(db, cancellationToken);
        foreach (var (step, rows) in await OneTimeSteps.RunAsync(db, time ?? TimeProvider.System, cancellationToken))
        {
            LogStepDone(logger, step, rows);
        }
    }

    /// <summary>
    /// The year's counter row must exist before requests are numbered (an atomic update of it); the first request of a
    /// year would otherwise create it, and instances starting a year at the same moment would collide on its key (each
    /// collision retried, but logged as a failed command). Created here, idempotently, in each engine's own words.
    /// </summary>
    private async Task EnsureCountersAsync(SosepDbContext db, CancellationToken cancellationToken)
    {
        var counters = ModelSql.For<SosepBot.Core.Requests.RequestCounter>(db);
        var (year, last) = (counters.Column(nameof(SosepBot.Core.Requests.RequestCounter.Year)), counters.Column(nameof(SosepBot.Core.Requests.RequestCounter.Last)));
        var sql = factory.Provider switch
        {
            DatabaseProvider.Sqlite => $"INSERT OR IGNORE INTO {counters.Table} ({year}, {last}) VALUES ({{0}}, 0)",
            DatabaseProvider.PostgreSql => $"INSERT INTO {counters.Table} ({year}, {last}) VALUES ({{0}}, 0) ON CONFLICT DO NOTHING",
            _ => $"IF NOT EXISTS (SELECT 1 FROM {counters.Table} WITH (UPDLOCK, HOLDLOCK) WHERE {year} = {{0}}) INSERT INTO {counters.Table} ({year}, {last}) VALUES ({{0}}, 0)",
        };
        var now = (time ?? TimeProvider.System).GetUtcNow().Year;
        foreach (var y in new[] { now - 1, now, now + 1 })
        {
#pragma warning disable EF1002 // the statement is built from the model's quoted names only; the year is a parameter
            await db.Database.ExecuteSqlRawAsync(sql, [y], cancellationToken);
#pragma warning restore EF1002
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ran the one-time data step {Step}: {Rows} row(s) written")]
    private static partial void LogStepDone(ILogger logger, string step, int rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) to the {Provider} database")]
    private static partial void LogMigrating(ILogger logger, DatabaseProvider provider, int count);
}
