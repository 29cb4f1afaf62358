using System.Data;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace SosepBot.Persistence;

/// <summary>
/// The commands kept prepared on one open SQLite connection, by SQL text: EF Core's (<see cref="SqliteStatementCache"/>)
/// and <see cref="BulkInsert"/>'s. Connections stay open across uses of a pooled context
/// (<see cref="SqliteKeptOpenConnection"/>), so each statement is parsed and planned once per connection. Emptied when
/// the connection closes, which finalizes every statement prepared on it. At most <see cref="Max"/> per connection.
/// One connection is used by one caller at a time, so no locking.
/// </summary>
internal sealed class SqlitePreparedCommands
{
    public const int Max = 256;

    private static readonly ConditionalWeakTable<SqliteConnection, SqlitePreparedCommands> All = [];
    private readonly Dictionary<string, object> _bySql = new(StringComparer.Ordinal);

    public static SqlitePreparedCommands Of(SqliteConnection connection) => All.GetValue(connection, c =>
    {
        var commands = new SqlitePreparedCommands();
        c.StateChange += (_, e) =>
        {
            if (e.CurrentState != ConnectionState.Open)
            {
                commands._bySql.Clear();
            }
        };
        return commands;
    });

    public bool TryGet<T>(string sql, out T? command)
        where T : class
    {
        command = _bySql.TryGetValue(sql, out var found) ? found as T : null;
        return command is not null;
    }

    /// <summary>False once the connection holds <see cref="Max"/> commands: more are used once, not kept.</summary>
    public bool HasRoom => _bySql.Count < Max;

    /// <summary>Keeps <paramref name="command"/> for <paramref name="sql"/> (when <see cref="HasRoom"/>).</summary>
    public void Add(string sql, object command)
    {
        if (HasRoom)
        {
            _bySql[sql] = command;
        }
    }
}
