using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SosepBot.TestKit;

/// <summary>
/// Watches the commands EF Core sends to one database (a test's), from EF Core's diagnostic events: counts them, and
/// can hold the first command that matches a condition on the thread sending it, before it is sent, until the test lets
/// it go (<see cref="PauseOnce"/>, <see cref="Resume"/>) — to make one interleaving of two instances' work happen every
/// time. Dispose to stop watching (a held command is let go).
/// </summary>
/// <param name="connectionString">The database's connection string (SQLite file or PostgreSQL database).</param>
public sealed class CommandWatch(string connectionString) : EfEvents(connectionString, RelationalEventId.CommandExecuting.Name!)
{
    private readonly ManualResetEventSlim _resume = new(false);
    private Func<DbCommand, bool>? _pause;
    private TaskCompletionSource? _paused;
    private int _count;

    /// <summary>Commands sent since the watch was made (or last <see cref="Reset"/>).</summary>
    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    /// <summary>Called with every command, on the thread sending it.</summary>
    public Action<DbCommand>? Watch { get; set; }

    /// <summary>Holds the first command that matches <paramref name="match"/>; the task completes once it is held.</summary>
    public Task PauseOnce(Func<DbCommand, bool> match)
    {
        _paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _resume.Reset();
        Volatile.Write(ref _pause, match);
        return _paused.Task;
    }

    /// <summary>Lets the held command go.</summary>
    public void Resume() => _resume.Set();

    protected override void OnEvent(DbContextEventData data)
    {
        Interlocked.Increment(ref _count);
        if (data is not CommandEventData { Command: { } command })
        {
            return;
        }

        Watch?.Invoke(command);
        if (Volatile.Read(ref _pause) is not { } match || !match(command)
            || Interlocked.CompareExchange(ref _pause, null, match) != match)
        {
            return;
        }

        _paused!.TrySetResult();
        _resume.Wait(TimeSpan.FromSeconds(30)); // never for ever: a failing test lets go
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _resume.Set();
        }
    }
}
