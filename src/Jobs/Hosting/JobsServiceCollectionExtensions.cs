using Hangfire;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using Hangfire.AspNetCore;
using Microsoft.AspNetCore.Routing;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.Persistence;
using SosepBot.Core.Scheduled;
using SosepBot.Jobs.Delivery;
using SosepBot.Jobs.Digest;
using SosepBot.Jobs.Escalations;
using SosepBot.Jobs.Maintenance;
using SosepBot.Jobs.Notices;

namespace SosepBot.Jobs.Hosting;

/// <summary>Registers the scheduled half (Hangfire, the jobs, the outbox loop) and maps the dashboard.</summary>
public static class JobsServiceCollectionExtensions
{
    public static IServiceCollection AddSosepJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.Delivery.Interval >= TimeSpan.FromMilliseconds(100) && o.Delivery.Interval <= TimeSpan.FromHours(1),
                "Jobs:Delivery:Interval must be between 00:00:00.1 and 01:00:00.")
            .Validate(o => Enum.IsDefined(o.Storage), "Jobs:Storage must be Auto, InMemory, SqlServer or PostgreSql.")
            .Validate(o => Cron(o.MaintenanceCron), "Jobs:MaintenanceCron is not a valid cron expression.")
            .Validate(o => Cron(o.EscalationCron), "Jobs:EscalationCron is not a valid cron expression.")
            .Validate(o => Cron(o.RetentionCron), "Jobs:RetentionCron is not a valid cron expression.")
            .ValidateOnStart();
        services.AddOptions<MaintenanceOptions>().BindConfiguration(MaintenanceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EscalationOptions>().BindConfiguration(EscalationOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.DirectorAfterBusinessHours >= o.HeadAfterBusinessHours,
                "Jobs:Escalation:DirectorAfterBusinessHours must not be shorter than Jobs:Escalation:HeadAfterBusinessHours.")
            .ValidateOnStart();
        services.AddOptions<DigestOptions>().BindConfiguration(DigestOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => Cron(o.DailyCron), "Jobs:Digest:DailyCron is not a valid cron expression.")
            .Validate(o => Cron(o.WeeklyCron), "Jobs:Digest:WeeklyCron is not a valid cron expression.")
            .Validate(o => o.Recipients.TrueForAll(r => r.Contains('@', StringComparison.Ordinal)), "Jobs:Digest:Recipients must hold e-mail addresses.")
            .ValidateOnStart();

        services.TryAddScoped<NoticeWriter>();
        services.TryAddScoped<MaintenancePlanService>();
        services.TryAddScoped<MaintenanceJob>();
        services.TryAddScoped<EscalationJob>();
        services.TryAddScoped<DigestBuilder>();
        services.TryAddScoped<DigestJob>();
        services.TryAddScoped<Summary.PendingSummaryJob>();
        services.TryAddSingleton<JobRunner>();

        // This host's own storage and activator: Hangfire's AddHangfire only falls back to its static globals.
        services.TryAddSingleton<JobStorage>(sp =>
        {
            // Hangfire's configuration (its log provider) first: the storage logs from its constructor.
            _ = sp.GetRequiredService<IGlobalConfiguration>();
            return CreateStorage(sp.GetRequiredService<IOptions<JobsOptions>>().Value, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        });
        services.TryAddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, c) => c
            .UseLogProvider(new HangfireLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddSingleton<OutboxPump>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxPump>());
        services.AddSingleton<JobServerHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<JobServerHostedService>());
        return services;
    }

    /// <summary>
    /// Maps Hangfire's dashboard at /hangfire (IT director and administrators; loopback only in the embedded default),
    /// signed in as for the API or by one of <paramref name="signInSchemes"/> (the staff console's cookie).
    /// </summary>
    public static IEndpointRouteBuilder MapSosepJobs(this IEndpointRouteBuilder app, params string[] signInSchemes)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ServiceProvider.GetRequiredService<IOptions<JobsOptions>>().Value;
        if (!options.Dashboard.Enabled)
        {
            return app;
        }

        var storage = app.ServiceProvider.GetRequiredService<JobStorage>();
        var loopbackOnly = options.Dashboard.LoopbackOnly ?? storage is InMemoryStorage;
        app.MapHangfireDashboard(JobsDashboard.Path, new DashboardOptions
        {
            AsyncAuthorization = [new DashboardAuthorization(loopbackOnly, signInSchemes)],
            Authorization = [],
            DashboardTitle = "SosepBot — tareas programadas",
            DisplayStorageConnectionString = false,
            IsReadOnlyFunc = _ => false,
        }, storage);
        return app;
    }

    /// <summary>The storage <c>Jobs:Storage</c> names (Auto: the database's server when it has one, in memory with SQLite).</summary>
    public static JobStorageKind EffectiveStorage(JobsOptions jobs, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(database);
        return jobs.Storage != JobStorageKind.Auto ? jobs.Storage
            : database.Provider switch
            {
                DatabaseProvider.SqlServer => JobStorageKind.SqlServer,
                DatabaseProvider.PostgreSql => JobStorageKind.PostgreSql,
                _ => JobStorageKind.InMemory,
            };
    }

    private static JobStorage CreateStorage(JobsOptions jobs, DatabaseOptions database)
    {
        var kind = EffectiveStorage(jobs, database);
        if (kind == JobStorageKind.InMemory)
        {
            return new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) });
        }

        var connectionString = string.IsNullOrWhiteSpace(jobs.StorageConnectionString) ? database.ConnectionString : jobs.StorageConnectionString;
        if (kind == JobStorageKind.PostgreSql)
        {
            var options = new PostgreSqlStorageOptions
            {
                PrepareSchemaIfNecessary = false, // installed just below, once at a time across instances

                SchemaName = "hangfire",
                QueuePollInterval = TimeSpan.FromSeconds(1),
                InvisibilityTimeout = TimeSpan.FromMinutes(5),
                DistributedLockTimeout = TimeSpan.FromMinutes(1),
            };
            PostgreSqlJobSchema.Install(connectionString, options.SchemaName);
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        }

        return new SqlServerStorage(() => new SqlConnection(connectionString), new SqlServerStorageOptions
        {
            PrepareSchemaIfNecessary = true,
            SchemaName = "HangFire",
            QueuePollInterval = TimeSpan.Zero,
            CommandBatchMaxTimeout = TimeSpan.FromMinutes(5),
            SlidingInvisibilityTimeout = TimeSpan.FromMinutes(5),
            UseRecommendedIsolationLevel = true,
            DisableGlobalLocks = true,
        });
    }

    /// <summary>Five (or six, with seconds) fields of digits, names and cron symbols; Hangfire checks the rest when it registers the job.</summary>
    private static bool Cron(string? expression)
    {
        var parts = (expression ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length is 5 or 6 && parts.All(p => p.All(ch => char.IsAsciiLetterOrDigit(ch) || "*,/-?#".Contains(ch, StringComparison.Ordinal)));
    }
}
