using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.People;

namespace SosepBot.Bot.Tests.Jobs;

public sealed class DashboardTests
{
    [Fact]
    public async Task Dashboard_NotLoopbackOnly_OnlyItDirectorAndAdministrator()
    {
        await using var factory = new SosepApiFactory(new Dictionary<string, string?> { ["Jobs:Enabled"] = "false", ["Jobs:Dashboard:LoopbackOnly"] = "false" });
        var director = await factory.ClientForAsync("Dora Directora", Role.ItDirector);
        var admin = await factory.ClientForAsync("Adan Admin", Role.Administrator);
        var technician = await factory.ClientForAsync("Tito Tecnico", Role.Technician);
        var anonymous = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync(new Uri("/hangfire", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/hangfire", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await technician.GetAsync(new Uri("/hangfire", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/hangfire", UriKind.Relative))).StatusCode);
    }

    [Fact]
    [Trait("Engine", "Sqlite")] // the embedded default (SQLite, in-memory job storage) only
    public async Task Dashboard_EmbeddedDefaultFromAnotherMachine_IsRefusedEvenToTheDirector()
    {
        // The embedded default (in-memory storage) allows loopback only; the test server's connection has no loopback address.
        await using var factory = new SosepApiFactory(new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var director = await factory.ClientForAsync("Dora Directora", Role.ItDirector);
        Assert.Equal(HttpStatusCode.Forbidden, (await director.GetAsync(new Uri("/hangfire", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Dashboard_LoopbackOnly_RelayedByAProxyOnThisMachine_IsRefusedEvenToTheDirector()
    {
        // Every caller of the test server looks like this machine here, as behind a reverse proxy on it.
        await using var factory = new SosepApiFactory(
            new Dictionary<string, string?> { ["Jobs:Enabled"] = "false", ["Jobs:Dashboard:LoopbackOnly"] = "true" },
            services => services.AddSingleton<IStartupFilter>(new FromLoopback()));
        var director = await factory.ClientForAsync("Dora Directora", Role.ItDirector);

        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync(new Uri("/hangfire", UriKind.Relative))).StatusCode);
        using var relayed = new HttpRequestMessage(HttpMethod.Get, new Uri("/hangfire", UriKind.Relative));
        relayed.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.7");
        Assert.Equal(HttpStatusCode.Forbidden, (await director.SendAsync(relayed)).StatusCode);
    }

    private sealed class FromLoopback : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                return following(context);
            });
            next(app);
        };
    }
}
