using SosepBot.Core.Persistence;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>
/// On SQLite (one writer at a time), the bot's own writes queue here, asynchronously, instead of meeting in the
/// database, where a busy writer makes the others sleep and retry (long tail latencies). No-op on SQL Server.
/// </summary>
public sealed class SqliteWriteGate(SosepDbContextFactory factory) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly bool _enabled = factory.Provider == DatabaseProvider.Sqlite;

    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!_enabled)
        {
            return await work();
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
