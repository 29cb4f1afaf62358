using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SosepBot.Core.Persistence;
using SosepBot.Core.Requests;

namespace SosepBot.Persistence;

/// <summary>The tested server engine: PostgreSQL (Npgsql). Migrations in <c>Migrations/PostgreSql</c>.</summary>
public sealed class PostgreSqlSosepDbContext(DbContextOptions<PostgreSqlSosepDbContext> options) : SosepDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // timestamptz keeps instants only in UTC and Npgsql refuses to write another offset: instants are written in UTC
        // (whatever offset they were computed in) and read back in UTC, as on SQLite.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
        // The few wall-clock times (a plan's first visit, an occurrence, in Guatemala's time) are not instants.
        configurationBuilder.Properties<DateTime>().HaveColumnType("timestamp without time zone");
        // PostgreSQL's text cannot hold U+0000 (SQLite's can): a NUL that reached a string (hostile input, a broken
        // client) is dropped when written and when compared, instead of failing the statement.
        configurationBuilder.Properties<string>().HaveConversion<WithoutNulConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // The search's word-prefix ranges (word >= 'impre' AND word < 'imprf') compare as the index orders: bytewise,
        // whatever the database's default collation (a linguistic one orders punctuation and case otherwise).
        modelBuilder.Entity<RequestWord>().Property(w => w.Word).UseCollation("C");
    }

    /// <summary>One batch of one statement per table (<see cref="PostgreSqlBulkInsert"/>), one round trip, instead of SaveChanges' per-row bookkeeping.</summary>
    protected override Task InsertRowsAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken) =>
        PostgreSqlBulkInsert.InsertAsync(this, rows, cancellationToken);

    /// <summary>One statement (<see cref="CounterReturning"/>): one round trip while the year's counter is locked.</summary>
    public override Task<int?> AdvanceRequestCounterAsync(int year, int count, CancellationToken cancellationToken) =>
        CounterReturning.AdvanceAsync(this, year, count, cancellationToken);

    private sealed class WithoutNulConverter() : ValueConverter<string, string>(
        v => v.Contains('\0', StringComparison.Ordinal) ? v.Replace("\0", string.Empty, StringComparison.Ordinal) : v, v => v);

    private sealed class ToUtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
}
