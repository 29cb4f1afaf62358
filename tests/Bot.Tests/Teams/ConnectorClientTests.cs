using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Bot.Teams.BotConnector;
using SosepBot.Bot.Teams.Manifest;
using SosepBot.Bot.Tests.Fakes;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;

namespace SosepBot.Bot.Tests.Teams;

/// <summary>
/// The connector client's update, delete and create-conversation calls against the fake Bot Connector; proactive
/// notices that have to create the person's 1:1 chat; inline images (contentUrl) stored with the request.
/// </summary>
public sealed class ConnectorClientTests : IAsyncLifetime
{
    private const string Ana = "aad-ana-0301";
    private const string Tito = "aad-tito-0302";
    private const string Conversation = "a:conv-con/barra y espacios"; // the path keeps its slash escaped (the server decodes the rest)
    private TeamsHost _host = null!;
    private Person _ana = null!;
    private Person _tito = null!;

    public async Task InitializeAsync()
    {
        _host = await TeamsHost.StartAsync();
        _ana = await _host.PersonAsync("Ana Pérez", Ana);
        _tito = await _host.PersonAsync("Tito López", Tito, Role.Technician);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private ConnectorClient Client => _host.Factory.Services.GetRequiredService<ConnectorClient>();

    [Fact]
    public async Task UpdateActivity_ReplacesItWithTheBotsToken()
    {
        var activity = new Activity { Type = ActivityTypes.Message, Id = "mensaje-9", Text = "Tarjeta nueva" };

        var response = await Client.UpdateActivityAsync(_host.Connector.ServiceUrl, Conversation, "mensaje-9", activity, default);

        Assert.Equal("mensaje-9", response?.Id);
        var call = Assert.Single(_host.Connector.Calls);
        Assert.Equal(("PUT", "/v3/conversations/a:conv-con%2Fbarra y espacios/activities/mensaje-9"), (call.Method, call.Path));
        Assert.Equal("Tarjeta nueva", call.Text);
        Assert.Equal("Bearer " + FakeBotFrameworkIdentity.OutboundToken(1), call.Authorization);
    }

    [Fact]
    public async Task UpdateActivity_ThrottledWith429_WaitsForRetryAfterThenUpdates()
    {
        _host.Connector.Throttle(1, retryAfterSeconds: 4);

        var update = Client.UpdateActivityAsync(_host.Connector.ServiceUrl, Conversation, "mensaje-9", new Activity { Type = ActivityTypes.Message, Text = "otra vez" }, default);
        await ChannelAuthenticationTests.WaitAsync(() => _host.Connector.Calls.Any(c => c.Status == 429));
        await Task.Delay(200);
        Assert.False(update.IsCompleted); // waits on the service's clock, not sooner

        _host.Factory.Time.Advance(TimeSpan.FromSeconds(4));
        await update.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([429, 200], _host.Connector.Calls.Where(c => c.Method == "PUT").Select(c => c.Status));
    }

    [Fact]
    public async Task DeleteActivity_DeletesWithTheBotsToken()
    {
        await Client.DeleteActivityAsync(_host.Connector.ServiceUrl, Conversation, "mensaje-9", default);

        var call = Assert.Single(_host.Connector.Calls);
        Assert.Equal(("DELETE", "/v3/conversations/a:conv-con%2Fbarra y espacios/activities/mensaje-9", 200), (call.Method, call.Path, call.Status));
        Assert.Null(call.Body);
        Assert.StartsWith("Bearer token-del-bot-", call.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteActivity_NotFound_IsNotRetriedAndSaysSo()
    {
        _host.Connector.Refuse = (method, _) => method == "DELETE" ? 404 : null;

        var e = await Assert.ThrowsAsync<BotConnectorException>(() => Client.DeleteActivityAsync(_host.Connector.ServiceUrl, Conversation, "ya-no-existe", default));

        Assert.Equal(HttpStatusCode.NotFound, e.Status);
        Assert.False(e.IsTransient);
        Assert.Single(_host.Connector.Calls);
    }

    [Fact]
    public async Task CreateConversation_PersonalChat_PostsMemberBotAndTenant()
    {
        var created = await Client.CreateConversationAsync(_host.Connector.ServiceUrl, new ConversationParameters
        {
            Bot = new ChannelAccount { Id = "28:" + TeamsHost.AppId },
            Members = [new ChannelAccount { Id = "29:" + Ana }],
            TenantId = "sosep-tenant",
            ChannelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "sosep-tenant" } },
        }, default);

        Assert.StartsWith("a:personal-", created?.Id, StringComparison.Ordinal);
        var call = Assert.Single(_host.Connector.Calls);
        Assert.Equal(("POST", "/v3/conversations"), (call.Method, call.Path));
        Assert.False(call.Body!["isGroup"]!.GetValue<bool>());
        Assert.Equal("29:" + Ana, call.Body["members"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("28:" + TeamsHost.AppId, call.Body["bot"]!["id"]!.GetValue<string>());
        Assert.Equal("sosep-tenant", call.Body["tenantId"]!.GetValue<string>());
        Assert.Equal("sosep-tenant", call.Body["channelData"]!["tenant"]!["id"]!.GetValue<string>());
        Assert.StartsWith("Bearer token-del-bot-", call.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notice_PersonSeenOnlyInAGroupChat_CreatesTheir1To1ChatOnceAndPostsThere()
    {
        await _host.PostAsync(_host.Activity("message", Ana, null, a =>
        {
            a["text"] = "ayuda";
            a["conversation"] = new JsonObject { ["id"] = "19:grupo-de-la-unidad@thread.v2", ["conversationType"] = "groupChat", ["isGroup"] = true, ["tenantId"] = "sosep-tenant" };
        }));
        await _host.Connector.WaitForPostAsync(p => p.Path.Contains("19:grupo", StringComparison.Ordinal));
        Assert.Null(await _host.DbAsync(db => db.TeamsConversationReferences.Where(r => r.PersonId == _ana.Id).Select(r => r.ConversationId).SingleAsync()));
        var number = await OpenTicketAsync("la impresora imprime manchada");

        await StepAsync(_tito, number, "tomar");
        await DeliverNoticesAsync();
        await StepAsync(_tito, number, "resolver", new ActionInput { Text = "Se cambió el tóner." });
        await DeliverNoticesAsync();

        var create = Assert.Single(_host.Connector.Calls, c => c is { Method: "POST", Path: "/v3/conversations" });
        Assert.Equal("29:" + Ana, create.Body!["members"]![0]!["id"]!.GetValue<string>());
        var personal = await _host.DbAsync(db => db.TeamsConversationReferences.Where(r => r.PersonId == _ana.Id).Select(r => r.ConversationId).SingleAsync());
        Assert.StartsWith("a:personal-", personal, StringComparison.Ordinal);
        var notices = _host.Connector.Posted.Where(p => p.Path == $"/v3/conversations/{personal}/activities").ToList();
        Assert.Equal(2, notices.Count);
        Assert.Contains($"[{number}] Su solicitud está en «Resuelto»", notices[1].Text, StringComparison.Ordinal);
        Assert.Equal("personal", notices[0].Body!["conversation"]!["conversationType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Notice_ConversationGoneFromTeams_IsForgottenAndTheNextNoticeCreatesANewChat()
    {
        await _host.PostAsync(_host.Message(Ana, "ayuda"));
        await _host.Connector.WaitForPostAsync(_ => true);
        var number = await OpenTicketAsync("el monitor tiene una línea vertical");
        var old = $"/v3/conversations/a:conv-{Ana}/activities";
        _host.Connector.Refuse = (method, path) => method == "POST" && path == old ? 403 : null;

        await StepAsync(_tito, number, "tomar");
        await DeliverNoticesAsync();
        Assert.Null(await _host.DbAsync(db => db.TeamsConversationReferences.Where(r => r.PersonId == _ana.Id).Select(r => r.ConversationId).SingleAsync()));

        await StepAsync(_tito, number, "resolver", new ActionInput { Text = "Se cambió el cable de video." });
        await DeliverNoticesAsync();

        Assert.Single(_host.Connector.Calls, c => c is { Method: "POST", Path: "/v3/conversations" });
        var created = await _host.DbAsync(db => db.TeamsConversationReferences.Where(r => r.PersonId == _ana.Id).Select(r => r.ConversationId).SingleAsync());
        var notice = await _host.Connector.WaitForPostAsync(p => p.Path == $"/v3/conversations/{created}/activities");
        Assert.Contains("«Resuelto»", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_InlineImageWithContentUrl_IsDownloadedWithTheBotsTokenAndStored()
    {
        var number = await OpenTicketAsync("la pantalla muestra un error azul");
        var message = _host.Message(Ana, $"{number} foto");
        message["attachments"] = new JsonArray(
            new JsonObject { ["contentType"] = "image/png", ["contentUrl"] = _host.Connector.ServiceUrl + "v3/attachments/0-wus-d1-abc/views/original", ["name"] = "captura.png" },
            new JsonObject { ["contentType"] = "text/html", ["content"] = "<div>captura <img src=\"...\"></div>" });

        await _host.PostAsync(message);

        await _host.Connector.WaitForPostAsync(p => p.Text.Contains($"Guardé «captura.png» (fotografía del equipo) en la solicitud {number}", StringComparison.Ordinal));
        var download = Assert.Single(_host.Connector.Calls, c => c.Method == "GET" && c.Path.StartsWith("/v3/attachments/", StringComparison.Ordinal));
        Assert.StartsWith("Bearer token-del-bot-", download.Authorization, StringComparison.Ordinal);
        var stored = await _host.DbAsync(db => db.Attachments.SingleAsync());
        Assert.Equal(("captura.png", "image/png", (long)PngIcon.Outline().Length), (stored.FileName, stored.ContentType, stored.Size));
        Assert.Equal(Convert.ToHexString(SHA256.HashData(PngIcon.Outline())), stored.Sha256, ignoreCase: true);
    }

    [Fact]
    public async Task Message_InlineImageOnAnotherServer_IsFetchedWithoutTheBotsToken()
    {
        await using var elsewhere = await FakeBotConnector.StartAsync(); // same host, another port: not the serviceUrl
        var number = await OpenTicketAsync("el teclado tiene teclas pegadas");
        var message = _host.Message(Ana, $"{number} foto");
        message["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "image/png", ["contentUrl"] = elsewhere.ServiceUrl + "v3/attachments/x/views/original", ["name"] = "otra.png" });

        await _host.PostAsync(message);

        await _host.Connector.WaitForPostAsync(p => p.Text.Contains("Guardé «otra.png»", StringComparison.Ordinal));
        Assert.Equal(string.Empty, Assert.Single(elsewhere.Calls).Authorization);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/archivo.png")]
    [InlineData("http://files.example.com/archivo.png")]
    public async Task Message_FileUrlNotHttps_IsRefusedInSpanishAndNothingIsStored(string url)
    {
        var number = await OpenTicketAsync("la pantalla parpadea");
        var message = _host.Message(Ana, $"{number} foto");
        message["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "image/png", ["contentUrl"] = url, ["name"] = "passwd.png" });

        await _host.PostAsync(message);

        await _host.Connector.WaitForPostAsync(p => p.Text.Contains("No pude descargar 1 archivo(s) de Teams", StringComparison.Ordinal));
        Assert.Equal(0, await _host.DbAsync(db => db.Attachments.CountAsync()));
        Assert.Equal(1, await _host.DbAsync(db => db.TeamsInboundActivities.Where(a => a.ActivityId == message["id"]!.GetValue<string>()).Select(a => a.Attempts).SingleAsync()));
    }

    private async Task<string> OpenTicketAsync(string title)
    {
        await using var scope = _host.Factory.Services.CreateAsyncScope();
        var opened = await scope.ServiceProvider.GetRequiredService<RequestOpening>().OpenAsync(
            PeopleService.ActorOf(_ana, Channel.Teams)!, new NewRequest { ProcedureCode = ProcedureCodes.SoporteTecnico, Title = title }, default);
        return opened.Number;
    }

    private async Task StepAsync(Person actor, string number, string action, ActionInput? input = null)
    {
        await using var scope = _host.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RequestActions>().FireAsync(PeopleService.ActorOf(actor, Channel.Teams)!, number, action, input ?? ActionInput.None, default);
    }

    private async Task DeliverNoticesAsync()
    {
        await using var scope = _host.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RequestNotifier>().ProcessAsync(default);
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(default);
    }
}
