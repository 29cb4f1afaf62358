using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SosepBot.Persistence;

/// <summary>Used by <c>dotnet ef</c> to create PostgreSQL migrations (no server is contacted).</summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlSosepDbContext>
{
    public PostgreSqlSosepDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlSosepDbContext>().UseNpgsql("Host=localhost;Database=sosepbot_design").Options);
}
