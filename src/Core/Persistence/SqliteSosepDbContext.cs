using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SosepBot.Core.Persistence;

/// <summary>The embedded default: SQLite in a file. Migrations in <c>Persistence/Migrations/Sqlite</c>.</summary>
public sealed class SqliteSosepDbContext(DbContextOptions<SqliteSosepDbContext> options) : SosepDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite cannot compare or order DateTimeOffset stored as text; store UTC ticks instead.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
