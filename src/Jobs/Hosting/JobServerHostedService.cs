using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
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
    /// <summary>How long a registration that met another instance's lock waits before it is tried again.</summary>
    public static readonly TimeSpan RegisterRetry = TimeSpan.FromSeconds(20);

    private readonly CancellationTokenSource _stopping = new();
    private BackgroundJobServer? _server;
    private Task _registering = Task.CompletedTask;

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
        var later = new List<ScheduledJob>();
        foreach (var job in ScheduledJobs.All)
        {
            if (!Register(job, every))
            {
                later.Add(job);
            }
        }

        if (later.Count > 0)
        {
            _registering = Task.Run(() => RegisterLaterAsync(later, every, _stopping.Token), CancellationToken.None);
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

    /// <summary>
    /// Registers (or updates) a recurring job; false when its lock in the shared storage is held by another instance
    /// (one that is registering the same job, or that was killed holding it: Hangfire frees it after
    /// <c>DistributedLockTimeout</c>). The definitions are the same on every instance, so the job is there already; this
    /// instance starts anyway and registers it again a little later.
    /// </summary>
    private bool Register(ScheduledJob job, RecurringJobOptions every)
    {
        var cron = job.Cron(services);
        try
        {
            recurring.AddOrUpdate(job.Name, job.Recurring, cron, every);
            return true;
        }
        catch (ArgumentException e)
        {
            throw new OptionsValidationException(job.CronSetting, typeof(JobsOptions), [$"{job.CronSetting} '{cron}' is not a valid cron expression: {e.Message}"]);
        }
        catch (DistributedLockTimeoutException)
        {
            LogRegisterLater(logger, job.Name);
            return false;
        }
    }

    private async Task RegisterLaterAsync(List<ScheduledJob> jobs, RecurringJobOptions every, CancellationToken stopping)
    {
        for (var attempt = 1; jobs.Count > 0 && attempt <= 10; attempt++)
        {
            try
            {
                await Task.Delay(RegisterRetry, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            jobs.RemoveAll(job => Register(job, every));
        }

        foreach (var job in jobs)
        {
            LogNotRegistered(logger, job.Name);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _stopping.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // Stopped again after it was disposed (a host stopped twice): nothing is registering any more.
        }

        await _registering.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        if (_server is { } server)
        {
            try
            {
                server.SendStop();
                await server.WaitForShutdownAsync(cancellationToken);
            }
            catch (ObjectDisposedException)
            {
                // Hangfire's dispatchers release their wait handles and token sources as they finish: a server that
                // completed its stop before SendStop or the wait answers with a disposed one (seen in CI, in SendStop's
                // CancelAfter). It is stopped, which is what was asked.
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _server = null;
        _stopping.Dispose();
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Jobs are switched off on this instance (Jobs:Enabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recurring job {Job} is locked by another instance; it is registered again in a moment")]
    private static partial void LogRegisterLater(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recurring job {Job} could not be registered on this instance (its lock stayed taken)")]
    private static partial void LogNotRegistered(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hangfire server started on {Storage} with {Workers} worker(s)")]
    private static partial void LogStarted(ILogger logger, string storage, int workers);
}
