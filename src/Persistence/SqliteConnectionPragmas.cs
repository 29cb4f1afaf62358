using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SosepBot.Persistence;

/// <summary>
/// SQLite: the per-connection settings, set once on every native connection.
/// <para>
/// <c>PRAGMA busy_timeout</c>: lets SQLite itself wait for a database that another connection is writing
/// (as long as the connection's default command timeout). Without it Microsoft.Data.Sqlite
/// retries a busy statement after sleeping 150 ms each time: a write meeting another one (a job's, the API's) waited
/// at least 150 ms, where SQLite's own wait resumes within a few milliseconds of the lock being released.
/// </para>
/// <para>
/// <c>PRAGMA temp_store = MEMORY</c>: statement journals (a statement inside a savepoint — every write of a group
/// commit — may need to undo itself) and temporary tables live in memory instead of a file that SQLite creates,
/// writes and deletes for each transaction (measured: open/write/unlink system calls were a tenth of the CPU of a
/// Teams "open a ticket" turn). They hold only the undo data of one statement or transaction, never the database.
/// </para>
/// The settings belongs to the native connection, which Microsoft.Data.Sqlite pools: it is set once per native
/// connection, not at every open.
/// </summary>
internal sealed class SqliteConnectionPragmas : DbConnectionInterceptor
{
    private readonly ConditionalWeakTable<object, object> _set = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsNew(connection))
        {
            using var command = Command(connection);
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsNew(connection))
        {
            await using var command = Command(connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>True the first time this native connection is seen (or when it cannot be told apart).</summary>
    private bool IsNew(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _set.TryAdd(handle, handle);

    private static DbCommand Command(DbConnection connection)
    {
        var seconds = connection is SqliteConnection sqlite ? sqlite.DefaultTimeout : 30;
        var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {seconds * 1000}; PRAGMA temp_store = MEMORY;");
        return command;
    }
}
