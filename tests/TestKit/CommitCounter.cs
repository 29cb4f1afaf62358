using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace SosepBot.TestKit;

/// <summary>
/// Counts the transactions EF Core commits on one database (a test's or a benchmark's), and keeps the text of every
/// command it executes there, from EF Core's diagnostic events: the proof that a write path batches, or that a path
/// does not read the same thing twice. Other databases of the process (tests running in parallel) are not counted.
/// Dispose to stop counting.
/// </summary>
public sealed class CommitCounter : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private static readonly string CommittedEvent = RelationalEventId.TransactionCommitted.Name!;
    private static readonly string ExecutedEvent = RelationalEventId.CommandExecuted.Name!;

    private readonly Func<DbConnection, bool> _ours;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _all;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _commands = new();
    private int _count;

    /// <param name="connectionString">The database's connection string (SQLite file or PostgreSQL database).</param>
    public CommitCounter(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        if (connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
            _ours = c => c is NpgsqlConnection && c.Database == database;
        }
        else
        {
            var file = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
            _ours = c => c is SqliteConnection && c.DataSource == file;
        }

        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>Transactions committed on the database since this counter was made (or last <see cref="Reset"/>).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Waits until EF Core has noticed this counter: a context asks whether anybody listens to its events at most once a
    /// second (EF Core's logging cache time), so a context used just before the counter was made may not report the
    /// next second's commands. Await it before the work whose commands are looked at.
    /// </summary>
    public static Task ListeningAsync() => Task.Delay(TimeSpan.FromSeconds(1.2));

    /// <summary>The text of each command executed on the database since this counter was made (or last <see cref="Reset"/>), in order.</summary>
    public IReadOnlyList<string> Commands => [.. _commands];

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        _commands.Clear();
    }

    /// <summary>Called, on the committing thread, with the count after each commit (a test stopping a run after N).</summary>
    public Action<int>? Committed { get; set; }

    public void Dispose()
    {
        _all.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
            _subscriptions.Clear();
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this, name => name == CommittedEvent || name == ExecutedEvent));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == ExecutedEvent && value.Value is CommandExecutedEventData { Command: { } command } && _ours(command.Connection!))
        {
            _commands.Enqueue(command.CommandText);
        }
        else if (value.Key == CommittedEvent && value.Value is TransactionEndEventData { Context: { } context } && _ours(context.Database.GetDbConnection()))
        {
            var count = Interlocked.Increment(ref _count);
            Committed?.Invoke(count);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }
}
