using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.Persistence;

namespace SosepBot.Persistence;

/// <summary>Creates the SQLite folder, applies migrations and sets SQLite's journal to WAL.</summary>
public sealed partial class DatabaseInitializer(
    SosepDbContextFactory factory,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseInitializer> logger)
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
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) to the {Provider} database")]
    private static partial void LogMigrating(ILogger logger, DatabaseProvider provider, int count);
}
