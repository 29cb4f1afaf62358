using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Persistence;

namespace SosepBot.Persistence;

/// <summary>The embedded default: SQLite in a file. Migrations in <c>Persistence/Migrations/Sqlite</c>.</summary>
public sealed class SqliteSosepDbContext(DbContextOptions<SqliteSosepDbContext> options) : SosepDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite cannot compare or order DateTimeOffset stored as text; store the instant as UTC ticks
        // (exact, and comparable in SQL whatever offset the value was written with). Values read back are UTC.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    /// <summary>One prepared statement per table, row after row (<see cref="BulkInsert"/>), instead of SaveChanges' per-row bookkeeping.</summary>
    protected override Task InsertRowsAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken) =>
        BulkInsert.InsertAsync(this, rows, cancellationToken);

    /// <summary>One statement (<see cref="CounterReturning"/>): one round trip while the year's counter is locked.</summary>
    public override Task<int?> AdvanceRequestCounterAsync(int year, int count, CancellationToken cancellationToken) =>
        CounterReturning.AdvanceAsync(this, year, count, cancellationToken);
}
