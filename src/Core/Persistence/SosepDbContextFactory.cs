using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SosepBot.Core.Persistence;

/// <summary>
/// Creates the context of the configured provider. Registered as the factory of <see cref="SosepDbContext"/>.
/// Contexts come from a pool (EF Core's context pooling): a new context sets up its internal services on first use,
/// which cost as much as a small query, and a Teams turn or a mail uses several. Disposing a context (as the scope
/// that holds it does) resets it and returns it to the pool.
/// </summary>
public sealed class SosepDbContextFactory(IOptions<DatabaseOptions> options, ILoggerFactory? loggerFactory = null)
{
    private readonly DatabaseOptions _options = options.Value;
    private readonly Lock _lock = new();
    private Func<SosepDbContext>? _create;

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
                var sqlite = new PooledDbContextFactory<SqliteSosepDbContext>(Configure(new DbContextOptionsBuilder<SqliteSosepDbContext>())
                    .UseSqlite(_options.ConnectionString).AddInterceptors(new SqliteConnectionPragmas()).Options);
                return sqlite.CreateDbContext;
            case DatabaseProvider.SqlServer:
                var sqlServer = new PooledDbContextFactory<SqlServerSosepDbContext>(Configure(new DbContextOptionsBuilder<SqlServerSosepDbContext>())
                    .UseSqlServer(_options.ConnectionString, o => o.EnableRetryOnFailure()).Options);
                return sqlServer.CreateDbContext;
            default:
                throw new InvalidOperationException($"Database:Provider '{_options.Provider}' is not supported.");
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

    private DbContextOptionsBuilder<T> Configure<T>(DbContextOptionsBuilder<T> builder)
        where T : DbContext
    {
        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        return builder;
    }
}
