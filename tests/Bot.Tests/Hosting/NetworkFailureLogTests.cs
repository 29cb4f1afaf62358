using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using IMsalHttpClientFactory = Microsoft.Identity.Client.IMsalHttpClientFactory;
using SosepBot.Bot.Tests.Fakes;
using SosepBot.Bot.Tests.Teams;
using SosepBot.TestKit;
using Xunit.Abstractions;

namespace SosepBot.Bot.Tests.Hosting;

/// <summary>Expected network failures are one Warning line with the cause and no stack trace.</summary>
public sealed class NetworkFailureLogTests(ITestOutputHelper output)
{
    /// <summary>What the host's appsettings.json lets through (the HttpClient factory's categories only from Warning).</summary>
    private static bool IsLogged(string category) => !category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal);

    [Fact]
    public async Task Turns_TokenEndpointUnreachable_OneWarningPerFailureWithoutStackTrace()
    {
        var logs = new CapturedLogs();
        await using var host = await TeamsHost.StartAsync(services: s =>
        {
            s.AddSingleton<IMsalHttpClientFactory>(new RedirectingMsalHttpClientFactory("http://127.0.0.1:9"));
            s.AddLogging(b => b.AddProvider(logs));
        });
        const string Ana = "aad-logs-ana";
        await host.PersonAsync("Ana Logs", Ana);

        for (var i = 0; i < 13; i++)
        {
            (await host.PostAsync(host.Message(Ana, "mis solicitudes"))).EnsureSuccessStatusCode();
        }

        // The connector's retries wait on the host's (fake) clock: move it on until every turn has given up.
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until && logs.From("SosepBot.Bot.Teams.Conversations.TurnProcessor").Count(e => e.Level == LogLevel.Warning) < 13)
        {
            host.Factory.Time.Advance(TimeSpan.FromSeconds(0.5));
            await Task.Delay(100);
        }

        foreach (var e in logs.Entries.Where(e => e.Level >= LogLevel.Information && !e.Category.StartsWith("Microsoft", StringComparison.Ordinal)))
        {
            output.WriteLine(e.ToString());
        }

        // One Warning per undelivered reply, naming the cause; nothing at Error; no stack trace anywhere (the
        // HttpClient factory's own «request failed» entries carry one at Information: the host keeps them off).
        var ours = logs.From("SosepBot.").Where(e => e.Level >= LogLevel.Warning).ToList();
        var replies = ours.Where(e => e.Category.EndsWith(".TurnProcessor", StringComparison.Ordinal)).ToList();
        Assert.Equal(13, replies.Count);
        Assert.All(replies, e => Assert.StartsWith("A reply could not be delivered to the Bot Connector: ", e.Message, StringComparison.Ordinal));
        Assert.All(ours, e =>
        {
            Assert.Equal(LogLevel.Warning, e.Level); // the outbox's later attempts too, one line each
            Assert.Contains("Connection refused (127.0.0.1:9)", e.Message, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(logs.Entries, e => e.Exception is not null && e.Level >= LogLevel.Information && IsLogged(e.Category));
    }
}
