using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.Persistence;

namespace SosepBot.Persistence;

/// <summary>
/// Creates the context of the configured provider. Registered as the factory of <see cref="SosepDbContext"/>.
/// Contexts come from a pool (EF Core's context pooling): a new context sets up its internal services on first use,
/// which cost as much as a small query, and a Teams turn or a mail uses several. Disposing a context (as the scope
/// that holds it does) resets it and returns it to the pool.
/// </summary>
public sealed class SosepDbContextFactory(IOptions<DatabaseOptions> options, ILoggerFactory? loggerFactory = null) : IDisposable
{
    /// <summary>
    /// Contexts kept for reuse (EF Core's default is 1024). On SQLite each keeps its connection open, with its prepared
    /// statements and its page cache (at most 2 MB, SQLite's default; in practice far less, as every commit of another
    /// connection empties it): 64 covers the activities received at once, the concurrent turns (8 by default), mails
    /// and jobs of one service; a context beyond them is disposed, connection closed, when returned.
    /// </summary>
    private const int PoolSize = 64;

    /// <summary>Statements kept prepared per PostgreSQL connection (Npgsql's Max Auto Prepare; the least used are replaced).</summary>
    private const int AutoPreparedStatements = 256;

    private static readonly Lazy<Microsoft.EntityFrameworkCore.Metadata.IModel> PostgreSqlModel = new(() =>
    {
        using var context = new PostgreSqlDesignTimeFactory().CreateDbContext([]);
        return context.Model;
    });

    private readonly DatabaseOptions _options = options.Value;
    private readonly Lock _lock = new();
    private Func<SosepDbContext>? _create;

    // SQLite: the connection of every context handed out (the pool hands the same ones out again), to close them at the end.
    private readonly ConditionalWeakTable<SqliteConnection, object> _connections = [];

    public DatabaseProvider Provider => _options.Provider;

    public SosepDbContext Create()
    {
        if (_create is null)
        {
            lock (_lock)
            {
                _create ??= Pool();
            }
        }

        return _create();
    }

    private Func<SosepDbContext> Pool()
    {
        switch (_options.Provider)
        {
            case DatabaseProvider.Sqlite:
                // Connections stay open in the pool with their prepared statements (SqliteKeptOpenConnection, SqliteStatementCache).
                var sqlite = new PooledDbContextFactory<SqliteSosepDbContext>(Configure(new DbContextOptionsBuilder<SqliteSosepDbContext>())
                    .UseSqlite(_options.ConnectionString, o => o.UseParameterizedCollectionMode(OneArrayParameter))
                    .ReplaceService<Microsoft.EntityFrameworkCore.Storage.IRelationalConnection, SqliteKeptOpenConnection>()
                    .AddInterceptors(new SqliteConnectionPragmas(), new SqliteStatementCache()).Options, PoolSize);
                return () =>
                {
                    // Opened once, then kept open across leases (see SqliteKeptOpenConnection): every query of the
                    // context then finds its statements prepared.
                    var context = sqlite.CreateDbContext();
                    var connection = (SqliteConnection)context.Database.GetDbConnection();
                    if (connection.State != System.Data.ConnectionState.Open)
                    {
                        context.Database.OpenConnection();
                        _connections.TryAdd(connection, connection);
                    }

                    return context;
                };
            case DatabaseProvider.SqlServer:
                var sqlServer = new PooledDbContextFactory<SqlServerSosepDbContext>(Configure(new DbContextOptionsBuilder<SqlServerSosepDbContext>())
                    .UseSqlServer(_options.ConnectionString, o => o.EnableRetryOnFailure()).Options);
                return sqlServer.CreateDbContext;
            case DatabaseProvider.PostgreSql:
                // Npgsql keeps EF's internal services per connection string, and with them the model: the model is
                // built once per process and shared, so the services' compiled queries (bound to one model) run on
                // every database of the process (the tests' databases, one per test, included).
                var postgreSql = new PooledDbContextFactory<PostgreSqlSosepDbContext>(Configure(new DbContextOptionsBuilder<PostgreSqlSosepDbContext>())
                    .UseNpgsql(PostgreSqlConnectionString(_options.ConnectionString), o => o.EnableRetryOnFailure().UseParameterizedCollectionMode(OneArrayParameter))
                    .ReplaceService<Microsoft.EntityFrameworkCore.Storage.IRelationalTransactionFactory, PostgreSqlTransactionFactory>()
                    .UseModel(PostgreSqlModel.Value).Options, PoolSize);
                return postgreSql.CreateDbContext;
            default:
                throw new InvalidOperationException($"Database:Provider '{_options.Provider}' is not supported.");
        }
    }

    /// <summary>
    /// The service's statements are few and repeated on every turn: Npgsql's automatic preparation (unless the connection
    /// string sets «Max Auto Prepare» itself; 0 turns it off) keeps the most used ones prepared on each pooled connection, so that the server parses and
    /// plans them once per connection instead of on every execution. And no reset of a connection given back to the pool.
    /// </summary>
    internal static string PostgreSqlConnectionString(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
            builder.AutoPrepareMinUsages = 2;
        }

        // Npgsql resets a pooled connection's session state (SET SESSION AUTHORIZATION DEFAULT, RESET ALL, CLOSE ALL,
        // UNLISTEN *, pg_advisory_unlock_all(), DISCARD TEMP and SEQUENCES) whenever a context gives it back: seven
        // statements on the server, five to six times a Teams turn (55,563 resets for 10,176 turns, pg_stat_statements).
        // The service's contexts leave no session state behind (no SET, LISTEN, temporary tables or advisory locks:
        // Hangfire's schema lock uses a connection of its own), so there is nothing to reset.
        builder.NoResetOnClose = true;

        return builder.ConnectionString;
    }

    /// <summary>
    /// SQLite: closes the connections the pooled contexts kept open (when the service stops, or a test's provider is
    /// disposed), so that the last one to close checkpoints the write-ahead log and no file stays open.
    /// </summary>
    public void Dispose()
    {
        foreach (var (connection, _) in _connections)
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                connection.Close();
            }
        }

        _connections.Clear();

        if (_options.Provider == DatabaseProvider.Sqlite)
        {
            using var connection = new SqliteConnection(_options.ConnectionString);
            SqliteConnection.ClearPool(connection);
        }
    }

    /// <summary>The SQLite file of the connection string, if any (to create its folder).</summary>
    public string? SqliteFile()
    {
        if (_options.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var source = new SqliteConnectionStringBuilder(_options.ConnectionString).DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:" ? null : Path.GetFullPath(source);
    }

    /// <summary>
    /// A list in a query («ids.Contains(r.Id)») goes as one array parameter (SQLite json_each, PostgreSQL = ANY) instead
    /// of EF 10's default of one parameter per element: the console's «Pendientes» sent 2,600 ids as 2,600 parameters,
    /// a new statement text (compiled again) for every list length. SQL Server keeps EF's default (OPENJSON plans are
    /// estimated poorly).
    /// </summary>
    private const ParameterTranslationMode OneArrayParameter = ParameterTranslationMode.Parameter;

    private DbContextOptionsBuilder<T> Configure<T>(DbContextOptionsBuilder<T> builder)
        where T : DbContext
    {
        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        // SQLite rebuilds a table with «PRAGMA foreign_keys = 0», which cannot run inside the migration's transaction; EF
        // warns about it at every such migration (a newcomer's first command showed it). Our migrations are generated
        // and applied at start as a whole, so the warning says nothing an operator can act on.
        return builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning));
    }
}
