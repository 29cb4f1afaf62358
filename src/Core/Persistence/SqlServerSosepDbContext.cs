using Microsoft.EntityFrameworkCore;

namespace SosepBot.Core.Persistence;

/// <summary>The production provider. Migrations in <c>Persistence/Migrations/SqlServer</c>.</summary>
public sealed class SqlServerSosepDbContext(DbContextOptions<SqlServerSosepDbContext> options) : SosepDbContext(options);
