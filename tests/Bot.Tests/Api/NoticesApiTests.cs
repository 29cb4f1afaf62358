using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;

namespace SosepBot.Bot.Tests.Api;

/// <summary>Who must act, over HTTP: what waits on me, how I want to be told, and the notices no channel reaches yet.</summary>
public sealed class NoticesApiTests : IAsyncLifetime
{
    private readonly SosepApiFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Pending_TicketOpenedByAUser_WaitsOnTheHeadAndNotOnTheUser()
    {
        var user = await _factory.ClientForAsync("Ana Pérez");
        var head = await _factory.ClientForAsync("Rosa Díaz", Role.InfraHead);
        var opened = await (await user.PostJsonAsync("/api/requests", new { procedure = "DS-UI-04", title = "Mi impresora no imprime" })).ReadJsonAsync();
        var number = opened["summary"]!["number"]!.GetValue<string>();

        var mine = (await (await head.GetAsync(new Uri("/api/me/pending", UriKind.Relative))).ReadJsonAsync()).AsArray();
        var item = Assert.Single(mine)!;
        Assert.Equal(number, item["request"]!["number"]!.GetValue<string>());
        Assert.Equal("asignar", item["actions"]![0]!["action"]!.GetValue<string>());
        Assert.Empty((await (await user.GetAsync(new Uri("/api/me/pending", UriKind.Relative))).ReadJsonAsync()).AsArray());
    }

    [Fact]
    public async Task Notices_ValidModeIsKept_AnUnknownOneIsRefusedNamingTheValues()
    {
        var head = await _factory.ClientForAsync("Rosa Díaz", Role.InfraHead);

        var bad = await head.PutAsJsonAsync(new Uri("/api/me/notices", UriKind.Relative), new { mode = "a veces" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var problem = await bad.ReadJsonAsync();
        Assert.Equal("modo", problem["field"]!.GetValue<string>());
        Assert.Contains("«inmediatos»", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("«solo-resumen»", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("inmediatos", (await (await head.GetAsync(new Uri("/api/me", UriKind.Relative))).ReadJsonAsync())["notices"]!.GetValue<string>());

        var ok = await head.PutAsJsonAsync(new Uri("/api/me/notices", UriKind.Relative), new { mode = "Solo resumen" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("solo-resumen", (await ok.ReadJsonAsync())["mode"]!.GetValue<string>());
        Assert.Equal("solo-resumen", (await (await head.GetAsync(new Uri("/api/me", UriKind.Relative))).ReadJsonAsync())["notices"]!.GetValue<string>());
    }

    [Fact]
    public async Task Waiting_NoChannelConfigured_StaffSeesTheNoticesWithTheirReason_OthersAreRefused()
    {
        var user = await _factory.ClientForAsync("Ana Pérez");
        var head = await _factory.ClientForAsync("Rosa Díaz", Role.InfraHead);
        await user.PostJsonAsync("/api/requests", new { procedure = "DS-UI-04", title = "Mi impresora no imprime" });
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RequestNotifier>().ProcessAsync(default);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync(new Uri("/api/outbox/waiting", UriKind.Relative))).StatusCode);
        var waiting = (await (await head.GetAsync(new Uri("/api/outbox/waiting", UriKind.Relative))).ReadJsonAsync()).AsArray();
        Assert.Equal(["acuse", "le-espera"], waiting.Select(w => w!["kind"]!.GetValue<string>()).Order());
        Assert.All(waiting, w => Assert.StartsWith("sin canal", w!["lastError"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Contains(waiting, w => w!["recipient"]!.GetValue<string>() == SosepApiFactory.EmailOf("Ana Pérez"));
        await using var check = _factory.Services.CreateAsyncScope();
        Assert.Equal(2, await check.ServiceProvider.GetRequiredService<SosepDbContext>().OutboxMessages.CountAsync(m => m.Status == OutboxStatus.AwaitingChannel));
    }
}
