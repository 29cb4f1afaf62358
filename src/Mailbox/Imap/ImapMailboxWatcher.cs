using MailKit.Net.Imap;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SosepBot.Mailbox.Imap;

/// <summary>
/// Watches the IMAP inbox: a pass at start (reconciliation: whatever arrived while the service was down),
/// then IDLE (polling where the server has no IDLE), a pass on every change; reconnects with backoff.
/// One <see cref="ImapClient"/> per loop, never shared. Two tokens: one ends an IDLE, the other the loop.
/// </summary>
public sealed partial class ImapMailboxWatcher(ImapMailboxSync sync, IOptions<MailboxOptions> options, TimeProvider time, ILogger<ImapMailboxWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var client = await sync.ConnectAsync(stoppingToken);
                LogConnected(logger, o.Imap.Host, o.Imap.Port);
                failures = 0;
                while (!stoppingToken.IsCancellationRequested)
                {
                    await sync.SyncAsync(client, stoppingToken);
                    await WaitForMailAsync(client, o, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                var wait = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(failures, 9))));
                if (MailNetwork.IsExpected(e))
                {
                    LogFailed(logger, o.Imap.Host, o.Imap.Port, MailNetwork.Cause(e), wait.TotalSeconds);
                }
                else
                {
                    LogFailedUnexpectedly(logger, e, wait.TotalSeconds);
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
    }

    private async Task WaitForMailAsync(ImapClient client, MailboxOptions o, CancellationToken stoppingToken)
    {
        if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            await Task.Delay(o.PollInterval, time, stoppingToken);
            return;
        }

        using var done = new CancellationTokenSource(o.IdleRefresh, time);
        void OnChange(object? sender, EventArgs e) => done.Cancel();
        client.Inbox.CountChanged += OnChange;
        client.Inbox.RecentChanged += OnChange;
        try
        {
            await client.IdleAsync(done.Token, stoppingToken);
        }
        finally
        {
            client.Inbox.CountChanged -= OnChange;
            client.Inbox.RecentChanged -= OnChange;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "IMAP mailbox connected to {Host}:{Port}")]
    private static partial void LogConnected(ILogger logger, string host, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IMAP mailbox {Host}:{Port} unavailable ({Cause}); reconnecting in {Seconds} s")]
    private static partial void LogFailed(ILogger logger, string host, int port, string cause, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "IMAP mailbox failed; reconnecting in {Seconds} s")]
    private static partial void LogFailedUnexpectedly(ILogger logger, Exception exception, double seconds);
}
