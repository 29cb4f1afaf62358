using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Persistence;
using SosepBot.Core.Requests;

namespace SosepBot.Persistence;

/// <summary>The production provider. Migrations in <c>Persistence/Migrations/SqlServer</c>.</summary>
public sealed class SqlServerSosepDbContext(DbContextOptions<SqlServerSosepDbContext> options) : SosepDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // The search's word-prefix ranges compare as the index orders: by code point, not the database's linguistic collation.
        modelBuilder.Entity<RequestWord>().Property(w => w.Word).UseCollation("Latin1_General_100_BIN2");
    }
}
