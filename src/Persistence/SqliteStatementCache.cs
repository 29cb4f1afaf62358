using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SosepBot.Persistence;

/// <summary>
/// SQLite: EF Core creates a new command for every execution, and Microsoft.Data.Sqlite prepares (parses and plans)
/// its SQL anew each time — for the short statements of this service that is most of SQLite's work (measured: a fifth
/// of a Teams turn's CPU went to sqlite3_prepare). This interceptor keeps, per open connection
/// (<see cref="SqlitePreparedCommands"/>), the first command EF Core made for each SQL text, and hands it back (with the
/// new parameter values and transaction) when the same SQL comes again: Microsoft.Data.Sqlite then re-runs its
/// prepared statements. A command still in use (its reader open) is not shared: the second user gets EF Core's own.
/// </summary>
internal sealed class SqliteStatementCache : IDbCommandInterceptor
{
    public DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        if (result is not SqliteCommand { Connection: { State: ConnectionState.Open } connection, CommandType: CommandType.Text } command
            || string.IsNullOrEmpty(command.CommandText))
        {
            return result;
        }

        var prepared = SqlitePreparedCommands.Of(connection);
        if (!prepared.TryGet<CachedCommand>(command.CommandText, out var cached))
        {
            if (!prepared.HasRoom)
            {
                return result;
            }

            cached = new CachedCommand(command) { InUse = true };
            prepared.Add(command.CommandText, cached);
            return cached;
        }

        if (cached!.InUse)
        {
            return result;
        }

        cached.Take(command);
        return cached;
    }

    /// <summary>
    /// The command EF Core gets: a wrapper of the cached command whose disposal (EF Core disposes every command after
    /// use) only clears its parameters and frees it for the next execution of the same SQL.
    /// </summary>
    private sealed class CachedCommand(SqliteCommand inner) : DbCommand
    {
        public SqliteCommand Inner { get; } = inner;

        public bool InUse { get; set; }

        /// <summary>Takes the parameter values, transaction and timeout of EF Core's new command, which is dropped.</summary>
        public void Take(SqliteCommand fresh)
        {
            InUse = true;
            var parameters = fresh.Parameters.Cast<SqliteParameter>().ToArray();
            fresh.Parameters.Clear();
            Inner.Parameters.Clear();
            Inner.Parameters.AddRange(parameters);
            Inner.Transaction = fresh.Transaction;
            Inner.CommandTimeout = fresh.CommandTimeout;
            fresh.Dispose();
        }

        [AllowNull]
        public override string CommandText
        {
            get => Inner.CommandText;
            set
            {
                if (!string.Equals(value, Inner.CommandText, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("A cached SQLite command keeps its SQL.");
                }
            }
        }

        public override int CommandTimeout { get => Inner.CommandTimeout; set => Inner.CommandTimeout = value; }

        public override CommandType CommandType { get => Inner.CommandType; set => Inner.CommandType = value; }

        public override bool DesignTimeVisible { get => Inner.DesignTimeVisible; set => Inner.DesignTimeVisible = value; }

        public override UpdateRowSource UpdatedRowSource { get => Inner.UpdatedRowSource; set => Inner.UpdatedRowSource = value; }

        protected override DbConnection? DbConnection
        {
            get => Inner.Connection;
            set
            {
                if (!ReferenceEquals(value, Inner.Connection))
                {
                    throw new InvalidOperationException("A cached SQLite command keeps its connection.");
                }
            }
        }

        protected override DbParameterCollection DbParameterCollection => Inner.Parameters;

        protected override DbTransaction? DbTransaction { get => Inner.Transaction; set => Inner.Transaction = (SqliteTransaction?)value; }

        public override void Cancel() => Inner.Cancel();

        public override int ExecuteNonQuery() => Inner.ExecuteNonQuery();

        public override object? ExecuteScalar() => Inner.ExecuteScalar();

        public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => Inner.ExecuteNonQueryAsync(cancellationToken);

        public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => Inner.ExecuteScalarAsync(cancellationToken);

        public override void Prepare() => Inner.Prepare();

        protected override DbParameter CreateDbParameter() => Inner.CreateParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Inner.ExecuteReader(behavior);

        protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
            await Inner.ExecuteReaderAsync(behavior, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            // Not the statements: they stay prepared for the next execution (the connection's close finalizes them).
            if (disposing)
            {
                Inner.Parameters.Clear();
                Inner.Transaction = null;
                InUse = false;
            }

            base.Dispose(disposing);
        }
    }
}
