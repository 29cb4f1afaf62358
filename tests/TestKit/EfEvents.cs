using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace SosepBot.TestKit;

/// <summary>
/// One of EF Core's diagnostic events on one database (a test's or a benchmark's), delivered synchronously on the thread
/// that raised it; the same event on other databases of the process (tests running in parallel) is not. Dispose to stop.
/// </summary>
public abstract class EfEvents : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private readonly string _event;
    private readonly Func<DbConnection, bool> _ours;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _all;

    /// <param name="connectionString">The database's connection string (SQLite file or PostgreSQL database).</param>
    /// <param name="eventName">The event's name (a <see cref="RelationalEventId"/>'s).</param>
    protected EfEvents(string connectionString, string eventName)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        _event = eventName;
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

    /// <summary>
    /// Waits until EF Core has noticed a new listener: a context asks whether anybody listens to its events at most once
    /// a second (EF Core's logging cache time), so a context used just before the listener was made may not report the
    /// next second's events. Await it before the work whose events are looked at.
    /// </summary>
    public static Task ListeningAsync() => Task.Delay(TimeSpan.FromSeconds(1.2));

    /// <summary>The event, raised on this database.</summary>
    protected abstract void OnEvent(DbContextEventData data);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

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
                _subscriptions.Add(value.Subscribe(this, name => name == _event));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == _event && value.Value is DbContextEventData { Context: { } context } data && _ours(context.Database.GetDbConnection()))
        {
            OnEvent(data);
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
