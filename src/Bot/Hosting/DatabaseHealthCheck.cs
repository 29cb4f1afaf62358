using Microsoft.Extensions.Diagnostics.HealthChecks;
using SosepBot.Persistence;

namespace SosepBot.Bot.Hosting;

/// <summary>Healthy when the database answers.</summary>
public sealed class DatabaseHealthCheck(SosepDbContextFactory factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Create();
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy($"{factory.Provider} disponible")
            : HealthCheckResult.Unhealthy($"{factory.Provider} no responde");
    }
}
