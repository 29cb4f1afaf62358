using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SosepBot.Core.Persistence;

/// <summary>
/// SQLite: on every opened connection, lets SQLite itself wait for a database that another connection is writing
/// (<c>PRAGMA busy_timeout</c>, as long as the connection's default command timeout). Without it Microsoft.Data.Sqlite
/// retries a busy statement after sleeping 150 ms each time: a write meeting another one (a job's, the API's) waited
/// at least 150 ms, where SQLite's own wait resumes within a few milliseconds of the lock being released.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = Command(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Command(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection)
    {
        var seconds = connection is SqliteConnection sqlite ? sqlite.DefaultTimeout : 30;
        var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {seconds * 1000};");
        return command;
    }
}
