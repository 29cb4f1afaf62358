using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Persistence;

namespace SosepBot.Persistence;

/// <summary>The production provider. Migrations in <c>Persistence/Migrations/SqlServer</c>.</summary>
public sealed class SqlServerSosepDbContext(DbContextOptions<SqlServerSosepDbContext> options) : SosepDbContext(options);
