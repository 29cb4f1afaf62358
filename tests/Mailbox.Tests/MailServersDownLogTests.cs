using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SosepBot.Core.Notifications;
using SosepBot.Mailbox.Imap;
using SosepBot.TestKit;

namespace SosepBot.Mailbox.Tests;

/// <summary>IMAP and SMTP down (nothing listens on their ports): one Warning line with the cause, no stack trace.</summary>
public sealed class MailServersDownLogTests
{
    private static readonly int ClosedPort = FreePort();

    [Fact]
    public async Task ImapWatcher_ServerDown_OneWarningWithTheCauseAndNoStackTrace()
    {
        var logs = new CapturedLogs();
        await using var db = await DatabaseAsync(logs);
        var watcher = db.Services.GetServices<IHostedService>().OfType<ImapMailboxWatcher>().Single();

        await watcher.StartAsync(CancellationToken.None);
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until && !logs.From("SosepBot.").Any(e => e.Level >= LogLevel.Warning))
        {
            await Task.Delay(50);
        }

        await watcher.StopAsync(CancellationToken.None);

        // The reconnection waits on the (fake) clock, so exactly one attempt was made.
        var line = Assert.Single(logs.From("SosepBot."), e => e.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Null(line.Exception);
        Assert.Contains("Connection refused", line.Message, StringComparison.Ordinal);
        Assert.StartsWith($"IMAP mailbox 127.0.0.1:{ClosedPort} unavailable", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphWatcher_GraphUnreachable_OneWarningWithTheCauseAndNoStackTrace()
    {
        var logs = new CapturedLogs();
        var closed = $"http://127.0.0.1:{ClosedPort}";
        await using var db = await TestDatabase.CreateAsync(new Dictionary<string, string?>
        {
            ["Mailbox:Transport"] = "Graph",
            ["Mailbox:Watch"] = "true",
            ["Mailbox:Address"] = "helpdesk@sosep.test",
            ["Mailbox:AllowedDomains:0"] = "sosep.test",
            ["Mailbox:Graph:BaseUrl"] = $"{closed}/v1.0",
            ["Mailbox:Graph:Authority"] = closed,
            ["Mailbox:Graph:TenantId"] = "inquilino",
            ["Mailbox:Graph:ClientId"] = "cliente",
            ["Mailbox:Graph:ClientSecret"] = "secreto-de-prueba",
        }, (s, c) =>
        {
            s.AddSosepMailbox(c);
            s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        });
        var watcher = db.Services.GetServices<IHostedService>().OfType<SosepBot.Mailbox.Graph.GraphMailboxWatcher>().Single();

        await watcher.StartAsync(CancellationToken.None);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until && !logs.From("SosepBot.").Any(e => e.Level >= LogLevel.Warning))
        {
            await Task.Delay(50);
        }

        await watcher.StopAsync(CancellationToken.None);

        var line = Assert.Single(logs.From("SosepBot."), e => e.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Null(line.Exception);
        Assert.StartsWith("Graph mailbox unavailable (", line.Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmtpSender_ServerDown_TransientWithTheCauseNotAnException()
    {
        var logs = new CapturedLogs();
        await using var db = await DatabaseAsync(logs);
        var message = new OutboxMessage
        {
            Channel = OutboxChannel.Mail,
            DedupKey = "prueba-smtp-caido",
            Kind = "aviso",
            Recipient = "ana@sosep.test",
            Subject = "Prueba",
            Text = "Hola.",
        };

        var result = await db.InScopeAsync(sp => sp.GetServices<IOutboxSender>().Single(s => s.Channel == OutboxChannel.Mail).SendAsync(message, CancellationToken.None));

        Assert.False(result.Delivered);
        Assert.False(result.Permanent);
        Assert.Contains($"SMTP 127.0.0.1:{ClosedPort}: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("Connection refused", result.Error, StringComparison.Ordinal);
    }

    private static async Task<TestDatabase> DatabaseAsync(CapturedLogs logs)
    {
        var settings = MailEnvironment.Settings("helpdesk@sosep.test", "sosep.test");
        settings["Mailbox:Watch"] = "true";
        settings["Mailbox:Imap:Port"] = ClosedPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Mailbox:Smtp:Port"] = ClosedPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await TestDatabase.CreateAsync(settings, (s, c) =>
        {
            s.AddSosepMailbox(c);
            s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        });
    }

    /// <summary>A loopback port nothing listens on (taken, then released).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
