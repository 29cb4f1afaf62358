using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SosepBot.Core.Persistence;

namespace SosepBot.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database of section "Database": the context of the configured provider (one per scope, from a
    /// pool), start-up migration and the embedded database's backup. Options are validated at start.
    /// </summary>
    public static IServiceCollection AddSosepPersistence(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => Enum.IsDefined(o.Provider), "Database:Provider must be Sqlite, SqlServer or PostgreSql.")
            .ValidateOnStart();
        services.TryAddSingleton<SosepDbContextFactory>();
        services.TryAddScoped<SosepDbContext>(sp => sp.GetRequiredService<SosepDbContextFactory>().Create());
        services.TryAddSingleton<DatabaseInitializer>();
        services.TryAddScoped<DatabaseBackup>();
        services.TryAddSingleton<GroupCommit>();
        services.TryAddSingleton<IGroupCommit>(sp => sp.GetRequiredService<GroupCommit>());
        return services;
    }
}
