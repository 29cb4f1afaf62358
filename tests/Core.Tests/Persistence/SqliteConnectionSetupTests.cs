using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Persistence;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Persistence;

/// <summary>How the factory's SQLite connections are set up.</summary>
[Trait("Engine", "Sqlite")] // SQLite's own: run in the SQLite pass only (scripts/test.sh)
public sealed class SqliteConnectionSetupTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateSqliteAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Open_AnyContext_SqliteWaitsForABusyDatabaseItself()
    {
        // Twice: the second context reuses a pooled context and a pooled native connection.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(30_000, await PragmaAsync("busy_timeout"));
        }
    }

    [Fact]
    public async Task Open_AnyContext_StatementJournalsKeptInMemory()
    {
        // 2 = MEMORY (0, the default, would create a file per transaction with savepoints).
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(2, await PragmaAsync("temp_store"));
        }
    }

    private Task<long> PragmaAsync(string pragma) => _db.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<SosepDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    });
}
