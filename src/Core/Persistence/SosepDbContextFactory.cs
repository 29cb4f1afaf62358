using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SosepBot.Core.Persistence;

/// <summary>Creates the context of the configured provider. Registered as the factory of <see cref="SosepDbContext"/>.</summary>
public sealed class SosepDbContextFactory(IOptions<DatabaseOptions> options, ILoggerFactory? loggerFactory = null)
{
    private readonly DatabaseOptions _options = options.Value;

    public DatabaseProvider Provider => _options.Provider;

    public SosepDbContext Create() => _options.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteSosepDbContext(Configure(new DbContextOptionsBuilder<SqliteSosepDbContext>())
            .UseSqlite(_options.ConnectionString).Options),
        DatabaseProvider.SqlServer => new SqlServerSosepDbContext(Configure(new DbContextOptionsBuilder<SqlServerSosepDbContext>())
            .UseSqlServer(_options.ConnectionString, o => o.EnableRetryOnFailure()).Options),
        _ => throw new InvalidOperationException($"Database:Provider '{_options.Provider}' is not supported."),
    };

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
