using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SosepBot.Persistence;

/// <summary>Used by <c>dotnet ef</c> to create SQLite migrations.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSosepDbContext>
{
    public SqliteSosepDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSosepDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
