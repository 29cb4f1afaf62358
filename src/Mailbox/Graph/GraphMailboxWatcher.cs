using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SosepBot.Mailbox.Graph;

/// <summary>Polls the Microsoft 365 inbox with the delta query (a pass at start, then every poll interval); backs off on errors.</summary>
public sealed partial class GraphMailboxWatcher(GraphMailboxSync sync, IOptions<MailboxOptions> options, TimeProvider time, ILogger<GraphMailboxWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                await sync.SyncAsync(stoppingToken);
                failures = 0;
                wait = options.Value.PollInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                wait = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(failures, 9))));
                if (MailNetwork.IsExpected(e))
                {
                    LogFailed(logger, MailNetwork.Cause(e), wait.TotalSeconds);
                }
                else
                {
                    LogFailedUnexpectedly(logger, e, wait.TotalSeconds);
                }
            }

            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph mailbox unavailable ({Cause}); retrying in {Seconds} s")]
    private static partial void LogFailed(ILogger logger, string cause, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Graph mailbox failed; retrying in {Seconds} s")]
    private static partial void LogFailedUnexpectedly(ILogger logger, Exception exception, double seconds);
}
