using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.Scheduling;

namespace SosepBot.Jobs.Hosting;

/// <summary>
/// When <c>Jobs:Enabled</c>: registers the recurring jobs of <see cref="ScheduledJobs"/> (in the offices' time zone) and runs a Hangfire server on
/// this instance's own <see cref="JobStorage"/> and activator (never Hangfire's static globals, so several hosts
/// can share a process, as the tests do).
/// </summary>
public sealed partial class JobServerHostedService(
    IServiceProvider services,
    JobStorage storage,
    JobActivator activator,
    IRecurringJobManager recurring,
    IOptions<JobsOptions> options,
    BusinessCalendar calendar,
    ILogger<JobServerHostedService> logger) : IHostedService, IAsyncDisposable
{
    private BackgroundJobServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            LogDisabled(logger);
            return Task.CompletedTask;
        }

        _ = services.GetService(typeof(IGlobalConfiguration));
        var every = new RecurringJobOptions { TimeZone = calendar.TimeZone };
        foreach (var job in ScheduledJobs.All)
        {
            Register(job.Name, job.Recurring, job.Cron(services), job.CronSetting, every);
        }

        _server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = o.WorkerCount,
            SchedulePollingInterval = o.SchedulePollingInterval,
            Queues = [EnqueuedState.DefaultQueue],
            Activator = activator,
            ServerName = $"sosepbot:{Environment.MachineName}:{Environment.ProcessId}",
        }, storage);
        LogStarted(logger, storage.GetType().Name, o.WorkerCount);
        return Task.CompletedTask;
    }

    private void Register(string id, Job job, string cron, string setting, RecurringJobOptions every)
    {
        try
        {
            recurring.AddOrUpdate(id, job, cron, every);
        }
        catch (ArgumentException e)
        {
            throw new OptionsValidationException(setting, typeof(JobsOptions), [$"{setting} '{cron}' is not a valid cron expression: {e.Message}"]);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            server.SendStop();
            try
            {
                await server.WaitForShutdownAsync(cancellationToken);
            }
            catch (ObjectDisposedException)
            {
                // Hangfire's dispatchers release their wait handles as they finish: a server that completed its stop
                // between SendStop and the wait answers with a disposed handle. It is stopped, which is what was asked.
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _server = null;
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Jobs are switched off on this instance (Jobs:Enabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hangfire server started on {Storage} with {Workers} worker(s)")]
    private static partial void LogStarted(ILogger logger, string storage, int workers);
}
