using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace SosepBot.Persistence;

#pragma warning disable EF1001 // SqliteRelationalConnection is EF Core's internal SQLite connection service: derived from
// (not copied) so that everything it sets up on a connection stays EF Core's; the version is pinned by the lock files,
// and SqliteStatementCacheTests fail if a new version stops honouring the two overrides below.

/// <summary>
/// SQLite: a pooled context keeps its connection open when it goes back to EF Core's context pool, instead of closing
/// it at every return. A connection that stays open keeps what <see cref="SqliteStatementCache"/> prepared on it — the
/// parse and plan of every statement, which SQLite otherwise redoes at each execution (measured: a fifth of the CPU of
/// a Teams turn). Only the return to the pool is affected: a close EF Core asks for at any other time, and the final
/// dispose of a context, close it as before; and a transaction left pending on a returned connection (it should
/// not happen) is rolled back first, so that the next user never inherits it.
/// </summary>
internal sealed class SqliteKeptOpenConnection(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    private bool _returning;

    protected override void ResetState(bool disposeDbConnection)
    {
        _returning = !disposeDbConnection;
        try
        {
            base.ResetState(disposeDbConnection);
        }
        finally
        {
            _returning = false;
        }
    }

    protected override async ValueTask ResetStateAsync(bool disposeDbConnection)
    {
        _returning = !disposeDbConnection;
        try
        {
            await base.ResetStateAsync(disposeDbConnection);
        }
        finally
        {
            _returning = false;
        }
    }

    protected override void CloseDbConnection()
    {
        if (!KeepOpen())
        {
            base.CloseDbConnection();
        }
    }

    protected override Task CloseDbConnectionAsync() => KeepOpen() ? Task.CompletedTask : base.CloseDbConnectionAsync();

    /// <summary>
    /// Returning to the pool with the connection open: it stays open, outside any transaction — one left pending
    /// behind EF Core's back (it should not happen) is rolled back here, as closing would not do it (Microsoft.Data.Sqlite
    /// would pool the native connection with its transaction still open).
    /// </summary>
    private bool KeepOpen()
    {
        if (!_returning || DbConnection is not SqliteConnection { State: System.Data.ConnectionState.Open, Handle: { } handle })
        {
            return false;
        }

        if (SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0)
        {
            SQLitePCL.raw.sqlite3_exec(handle, "ROLLBACK;");
        }

        return SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0;
    }
}
#pragma warning restore EF1001
