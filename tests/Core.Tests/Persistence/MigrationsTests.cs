using Microsoft.EntityFrameworkCore;
using SosepBot.Persistence;

namespace SosepBot.Core.Tests.Persistence;

/// <summary>Each provider's migrations must describe the current model; a forgotten migration fails here, not in production.</summary>
public sealed class MigrationsTests
{
    [Fact]
    public void Sqlite_Migrations_MatchTheModel()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Add a SQLite migration (see README, SQL Server section).");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void SqlServer_Migrations_MatchTheModel()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Add a SQL Server migration (see README, SQL Server section).");
        Assert.Equal(
            new SqliteDesignTimeFactory().CreateDbContext([]).Database.GetMigrations().Select(Name),
            db.Database.GetMigrations().Select(Name));
    }

    private static string Name(string migrationId) => migrationId[(migrationId.IndexOf('_', StringComparison.Ordinal) + 1)..];
}
