using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.Notifications;
using SosepBot.Jobs.Hosting;

namespace SosepBot.Jobs.Delivery;

/// <summary>
/// Every few seconds: turns new request events into outbox messages (<see cref="RequestNotifier"/>) and
/// delivers what is due (<see cref="OutboxDispatcher"/>, with leases, backoff and dead letters). A hosted
/// loop rather than a Hangfire recurring job: Hangfire's recurring jobs are minute-grained and would record
/// over 17,000 job runs a day at this pace. Several instances may run it: dedup keys and leases keep each
/// message queued and sent once.
/// </summary>
public sealed partial class OutboxPump(
    IServiceScopeFactory scopes,
    IOptions<JobsOptions> options,
    TimeProvider time,
    ILogger<OutboxPump> logger) : BackgroundService
{
    /// <summary>One pass: plan notices, release those a channel now reaches, then deliver. Returns how many messages were delivered.</summary>
    public async Task<int> PassAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RequestNotifier>().ProcessAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<ChannelWaitingRoom>().ReleaseAsync(cancellationToken);
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Delivery.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, e);
            }

            try
            {
                await Task.Delay(o.Delivery.Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox pass failed; it is tried again at the next interval")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
