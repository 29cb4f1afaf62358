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
        for (var i = 0; i < 300; i++)
        {
            host.Factory.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }

        foreach (var e in logs.From("SosepBot").Where(e => e.Level >= LogLevel.Information || e.Exception is not null))
        {
            output.WriteLine(e.ToString());
        }

        foreach (var e in logs.Entries.Where(e => e.Exception is not null))
        {
            output.WriteLine("WITH EXCEPTION: " + e);
        }

        Assert.DoesNotContain(logs.Entries, e => e.Exception is not null);
    }
}
