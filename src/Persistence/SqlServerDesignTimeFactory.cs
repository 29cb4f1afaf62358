using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SosepBot.Persistence;

/// <summary>Used by <c>dotnet ef</c> to create SQL Server migrations (no server needed).</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerSosepDbContext>
{
    public SqlServerSosepDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerSosepDbContext>().UseSqlServer("Server=design-time;Database=SosepBot;Trusted_Connection=True;TrustServerCertificate=True").Options);
}
