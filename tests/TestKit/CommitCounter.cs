using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SosepBot.TestKit;

/// <summary>
/// Counts the transactions EF Core commits on one database (a test's or a benchmark's), from EF Core's diagnostic
/// events: the proof that a write path batches. Other databases of the process (tests running in parallel) are not
/// counted. Dispose to stop counting.
/// </summary>
/// <param name="connectionString">The database's connection string (SQLite file or PostgreSQL database).</param>
public sealed class CommitCounter(string connectionString) : EfEvents(connectionString, RelationalEventId.TransactionCommitted.Name!)
{
    private int _count;

    /// <summary>Transactions committed on the database since this counter was made (or last <see cref="Reset"/>).</summary>
    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    /// <summary>Called, on the committing thread, with the count after each commit (a test stopping a run after N).</summary>
    public Action<int>? Committed { get; set; }

    protected override void OnEvent(DbContextEventData data)
    {
        var count = Interlocked.Increment(ref _count);
        Committed?.Invoke(count);
    }
}
