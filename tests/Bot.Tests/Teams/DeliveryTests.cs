using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using SosepBot.Bot.Teams.BotConnector;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Notifications;
using SosepBot.Core.Teams;
using SosepBot.TestKit;

namespace SosepBot.Bot.Tests.Teams;

/// <summary>What happens around a turn: a crash between accepting and acting, a stop before claimed turns ran, the local mode's guard, the rate limits.</summary>
public sealed class DeliveryTests
{
    [Fact]
    public async Task Start_ActivityAcceptedButNotActedOnBeforeACrash_IsProcessed()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sosepbot-teams-crash", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var database = await TestServerDatabases.NewAsync(directory, "bot.db"); // one database for both services
        await using var connector = await Fakes.FakeBotConnector.StartAsync();
        string body;
        await using (var before = await TeamsHost.StartAsync(database))
        {
            await before.PersonAsync("Ana Pérez", "aad-ana");
            body = before.Message("aad-ana", "mis solicitudes", id: "aceptada-antes-del-fallo").ToJsonString();

            // What ActivityReceiver stores before answering 200, without the turn that would follow it.
            await before.DbAsync(async db =>
            {
                db.TeamsInboundActivities.Add(new TeamsInboundActivity
                {
                    ActivityId = "aceptada-antes-del-fallo",
                    ConversationId = "a:conv-aad-ana",
                    ChannelId = "msteams",
                    Type = "message",
                    Body = body.Replace(before.Connector.ServiceUrl, connector.ServiceUrl, StringComparison.Ordinal),
                    ReceivedAt = DateTimeOffset.UtcNow,
                });
                return await db.SaveChangesAsync();
            });
        }

        await using var after = await TeamsHost.StartAsync(database);
        _ = after.Factory.Services; // starts the host: the scheduler picks up what was left

        var reply = await connector.WaitForPostAsync(p => p.CardJson.Contains("Mis solicitudes", StringComparison.Ordinal));
        Assert.Equal("/v3/conversations/a:conv-aad-ana/activities/aceptada-antes-del-fallo", reply.Path);
        Assert.NotNull(await after.DbAsync(db => db.TeamsInboundActivities.Select(a => a.ProcessedAt).SingleAsync()));
    }

    [Fact]
    public async Task Stop_ReadOnlyTurnsStoredClaimedButNotAnswered_AreAnsweredAtTheNextStart()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sosepbot-teams-stop", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var settings = await TestServerDatabases.NewAsync(directory, "bot.db"); // one database for both services
        settings["Teams:MaxConcurrentTurns"] = "1";
        await using var connector = await Fakes.FakeBotConnector.StartAsync(); // outlives both services
        await using (var before = await TeamsHost.StartAsync(settings))
        {
            await before.PersonAsync("Ana Pérez", "aad-ana");
            await before.PersonAsync("Beto Paz", "aad-beto");

            // Ana's reply meets a 429 whose Retry-After never passes on the service's clock: her turn holds the only
            // slot, and Beto's, stored and claimed, waits for it when the service stops.
            connector.Throttle(1, retryAfterSeconds: 20);
            foreach (var (aad, id) in new[] { ("aad-ana", "ana-antes-de-parar"), ("aad-beto", "beto-antes-de-parar") })
            {
                var message = before.Message(aad, "ayuda", id: id);
                message["serviceUrl"] = connector.ServiceUrl;
                Assert.Equal(HttpStatusCode.OK, (await before.PostAsync(message, before.Token(connector.ServiceUrl))).StatusCode);
            }

            await ChannelAuthenticationTests.WaitAsync(() => connector.Calls.Any(c => c.Status == 429));
            Assert.Empty(connector.Posted);
        }

        await using var after = await TeamsHost.StartAsync(settings);
        _ = after.Factory.Services; // starts the host: the scheduler picks up what was given back

        var ana = await connector.WaitForPostAsync(p => p.Path.EndsWith("/ana-antes-de-parar", StringComparison.Ordinal));
        var beto = await connector.WaitForPostAsync(p => p.Path.EndsWith("/beto-antes-de-parar", StringComparison.Ordinal));
        Assert.Contains("Unidad de Informática", ana.Text, StringComparison.Ordinal);
        Assert.Contains("Unidad de Informática", beto.Text, StringComparison.Ordinal);
        Assert.Equal(2, await after.DbAsync(db => db.TeamsInboundActivities.CountAsync(a => a.ProcessedAt != null)));
    }

    /// <summary>
    /// A read-only turn is stored already claimed; its instance dies before answering (kill -9: nothing gives it back).
    /// Once the conversation's lease has run out, the sweep gives it back and it is answered, once; an answered one is
    /// never given back.
    /// </summary>
    [Fact]
    public async Task Crash_BetweenAReadOnlyClaimAndItsAnswer_AnsweredOnceTheLeaseRunsOut()
    {
        await using var host = await TeamsHost.StartAsync();
        await host.PersonAsync("Ana Pérez", "aad-ana");

        // Answered normally first: its mark is cleared once posted.
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(host.Message("aad-ana", "ayuda", id: "contestada"))).StatusCode);
        await host.Connector.WaitForPostAsync(p => p.Path.EndsWith("/contestada", StringComparison.Ordinal));
        await ChannelAuthenticationTests.WaitAsync(async () => !await host.DbAsync(db => db.TeamsInboundActivities.AnyAsync(a => a.AnswerPending)));

        // What the receiver does for a read-only turn, without the turn that would follow (the instance died).
        var processor = host.Factory.Services.GetRequiredService<Bot.Teams.Conversations.TurnProcessor>();
        var json = host.Message("aad-ana", "ayuda", id: "sin-respuesta").ToJsonString();
        var row = new TeamsInboundActivity
        {
            ActivityId = "sin-respuesta", ConversationId = "a:conv-aad-ana", ChannelId = "msteams", Type = "message", Body = json,
            ReceivedAt = host.Factory.Time.GetUtcNow(), Attempts = 1,
        };
        var accepted = await processor.TryAcceptReadOnlyAsync(row, System.Text.Json.JsonSerializer.Deserialize<Activity>(json, BotJson.Options)!, default);
        Assert.NotNull(accepted.Turn);
        Assert.True(await host.DbAsync(db => db.TeamsInboundActivities.Where(a => a.ActivityId == "sin-respuesta").Select(a => a.AnswerPending).SingleAsync()));

        // Within the lease nobody touches it (its holder could still be answering).
        await Task.Delay(300);
        Assert.DoesNotContain(host.Connector.Posted, p => p.Path.EndsWith("/sin-respuesta", StringComparison.Ordinal));

        // The lease runs out; the sweep (every lease) gives it back and it is answered.
        host.Factory.Time.Advance(TimeSpan.FromSeconds(31));
        await host.Connector.WaitForPostAsync(p => p.Path.EndsWith("/sin-respuesta", StringComparison.Ordinal));
        host.Factory.Time.Advance(TimeSpan.FromSeconds(31)); // another sweep: nothing more to give back
        await Task.Delay(500);
        Assert.Single(host.Connector.Posted, p => p.Path.EndsWith("/sin-respuesta", StringComparison.Ordinal));
        Assert.Single(host.Connector.Posted, p => p.Path.EndsWith("/contestada", StringComparison.Ordinal));
        await ChannelAuthenticationTests.WaitAsync(async () => !await host.DbAsync(db => db.TeamsInboundActivities.AnyAsync(a => a.AnswerPending)));
    }

    [Fact]
    public async Task Crash_BetweenATicketsCommitAndItsReply_TheReplyComesFromTheOutbox()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sosepbot-teams-escrow", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var settings = await TestServerDatabases.NewAsync(directory, "bot.db"); // one database for both services
        await using var connector = await Fakes.FakeBotConnector.StartAsync(); // outlives both services
        await using (var before = await TeamsHost.StartAsync(settings))
        {
            await before.PersonAsync("Ana Pérez", "aad-ana");

            // The ticket is written; its reply meets a 429 whose Retry-After never passes on the service's clock, and the
            // service goes away before posting it.
            connector.Throttle(1, retryAfterSeconds: 20);
            var submit = Submit(before, "aad-ana", "ticket-antes-del-fallo");
            submit["serviceUrl"] = connector.ServiceUrl;
            Assert.Equal(HttpStatusCode.OK, (await before.PostAsync(submit, before.Token(connector.ServiceUrl))).StatusCode);
            await ChannelAuthenticationTests.WaitAsync(() => connector.Calls.Any(c => c.Status == 429));
            Assert.Equal("UI-2026-00001", await before.DbAsync(db => db.Requests.Select(r => r.Number).SingleAsync()));
            Assert.Empty(connector.Posted);
        }

        await using var after = await TeamsHost.StartAsync(settings);
        var escrowed = await after.DbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync());
        Assert.Equal(("respuesta", OutboxStatus.Pending), (escrowed.Kind, escrowed.Status));
        Assert.Contains("UI-2026-00001", escrowed.Payload, StringComparison.Ordinal);

        // Not before the escrow delay (the turn might still be posting it), then to Ana's 1:1 chat.
        Assert.Equal(0, await DeliverDueAsync(after));
        after.Factory.Time.Advance(TimeSpan.FromMinutes(6));
        await DeliverDueAsync(after);

        var delivered = await connector.WaitForPostAsync(_ => true);
        Assert.Equal("/v3/conversations/a:conv-aad-ana/activities", delivered.Path);
        Assert.Contains("Se abrió su solicitud UI-2026-00001", delivered.CardJson, StringComparison.Ordinal);
        // The host's own outbox loop may be the one that posted (the clock moved for it too): its mark follows the post.
        await ChannelAuthenticationTests.WaitAsync(() => after.DbAsync(db => db.OutboxMessages.Select(m => m.Status).SingleAsync()).GetAwaiter().GetResult() == OutboxStatus.Delivered);
        Assert.Single(connector.Posted);
    }

    [Fact]
    public async Task Reply_OfATicketPosted_IsMarkedDeliveredAndNotSentAgainByTheOutbox()
    {
        await using var host = await TeamsHost.StartAsync();
        await host.PersonAsync("Ana Pérez", "aad-ana");

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(Submit(host, "aad-ana", "ticket-normal"))).StatusCode);

        var reply = await host.Connector.WaitForPostAsync(p => p.Path.EndsWith("/ticket-normal", StringComparison.Ordinal));
        Assert.Contains("UI-2026-00001", reply.CardJson, StringComparison.Ordinal);
        await ChannelAuthenticationTests.WaitAsync(() => host.DbAsync(db => db.OutboxMessages.AnyAsync(m => m.Status == OutboxStatus.Delivered)).GetAwaiter().GetResult());
        host.Factory.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await DeliverDueAsync(host));

        Assert.Single(host.Connector.Posted, p => p.CardJson.Contains("UI-2026-00001", StringComparison.Ordinal));
        var escrowed = await host.DbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync());
        Assert.Equal(("respuesta", OutboxStatus.Delivered), (escrowed.Kind, escrowed.Status));
        Assert.Matches(@"^teams-reply:\d+:0$", escrowed.DedupKey);
    }

    [Fact]
    public async Task Reply_OfATicketRefusedForGood_FallsDueAtOnceWithItsFullCard()
    {
        await using var host = await TeamsHost.StartAsync(new Dictionary<string, string?> { ["Teams:Retry:MaxAttempts"] = "1" });
        await host.PersonAsync("Ana Pérez", "aad-ana");
        host.Connector.Refuse = (method, path) => method == "POST" && path.EndsWith("/activities/ticket-rechazado", StringComparison.Ordinal) ? 503 : null;

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(Submit(host, "aad-ana", "ticket-rechazado"))).StatusCode);

        var start = host.Factory.Time.GetUtcNow();
        await ChannelAuthenticationTests.WaitAsync(() => host.DbAsync(db => db.OutboxMessages.AnyAsync(m => m.NextAttemptAt <= start)).GetAwaiter().GetResult());
        host.Connector.Refuse = null;
        Assert.Equal(1, await DeliverDueAsync(host));

        // The card built after the commit (the request's facts), not the provisional one the escrowed copy started with.
        var delivered = await host.Connector.WaitForPostAsync(_ => true);
        Assert.Equal("/v3/conversations/a:conv-aad-ana/activities", delivered.Path);
        Assert.Contains("UI-2026-00001", delivered.CardJson, StringComparison.Ordinal);
        Assert.Contains("DS-UI-04", delivered.CardJson, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Delivered, await host.DbAsync(db => db.OutboxMessages.Select(m => m.Status).SingleAsync()));
    }

    /// <summary>One pass of the outbox's delivery, as its loop runs it; how many messages it delivered.</summary>
    private static async Task<int> DeliverDueAsync(TeamsHost host)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(default);
    }

    /// <summary>A DS-UI-04 form submitted with Action.Submit (a message carrying the form's values): a write turn.</summary>
    private static System.Text.Json.Nodes.JsonObject Submit(TeamsHost host, string aad, string id)
    {
        var submit = host.Message(aad, string.Empty, id: id);
        submit.Remove("text");
        submit["value"] = new System.Text.Json.Nodes.JsonObject
        {
            ["verb"] = "enviarFormulario", ["procedure"] = "DS-UI-04", ["token"] = id,
            ["title"] = "La impresora del segundo nivel no imprime", ["description"] = "Desde esta mañana.",
        };
        return submit;
    }

    [Fact]
    public async Task Reply_RefusedByTheConnectorForGood_IsHandedToTheOutboxAndDeliveredLater()
    {
        // No in-line retries here: the first refusal is final for the turn.
        await using var host = await TeamsHost.StartAsync(new Dictionary<string, string?> { ["Teams:Retry:MaxAttempts"] = "1" });
        var ana = await host.PersonAsync("Ana Pérez", "aad-ana");
        host.Connector.Refuse = (method, path) => method == "POST" && path.EndsWith("/activities/ayuda-rechazada", StringComparison.Ordinal) ? 503 : null;

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(host.Message("aad-ana", "ayuda", id: "ayuda-rechazada"))).StatusCode);

        OutboxMessage? queued = null;
        for (var until = DateTime.UtcNow.AddSeconds(10); queued is null; await Task.Delay(20))
        {
            Assert.True(DateTime.UtcNow < until, "The refused reply was not handed to the outbox.");
            queued = await host.DbAsync(db => db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync());
        }

        Assert.Equal(OutboxChannel.Teams, queued.Channel);
        Assert.Equal("respuesta", queued.Kind);
        Assert.Equal(ana.Id, queued.RecipientId);
        Assert.Contains("Unidad de Informática", queued.Text, StringComparison.Ordinal);
        Assert.Empty(host.Connector.Posted);

        // Teams is back: the outbox delivers it to Ana's 1:1 chat.
        host.Connector.Refuse = null;
        Assert.Equal(1, await DeliverDueAsync(host));

        var delivered = await host.Connector.WaitForPostAsync(_ => true);
        Assert.Equal("/v3/conversations/a:conv-aad-ana/activities", delivered.Path);
        Assert.Contains("Unidad de Informática", delivered.Text, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Delivered, await host.DbAsync(db => db.OutboxMessages.Select(m => m.Status).SingleAsync()));
    }

    [Fact]
    public async Task LocalMode_PlaygroundWithoutToken_IsAcceptedOnLoopback()
    {
        await using var host = await TeamsHost.StartAsync(new Dictionary<string, string?> { ["Teams:AppId"] = "", ["Teams:AllowUnauthenticatedLocal"] = "true" });
        await host.PersonAsync("Ana Pérez", "aad-ana");

        var response = await host.PostAsync(host.Message("aad-ana", "ayuda"), token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await host.Connector.WaitForPostAsync(_ => true);
        Assert.Equal(string.Empty, reply.Authorization);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7;proto=https")]
    [InlineData("X-Real-IP", "203.0.113.7")]
    public async Task LocalMode_RequestRelayedByAProxy_Is401AndNothingIsStored(string header, string value)
    {
        // A reverse proxy on the same machine makes every caller look local: the local mode must not trust it.
        await using var host = await TeamsHost.StartAsync(new Dictionary<string, string?> { ["Teams:AppId"] = "", ["Teams:AllowUnauthenticatedLocal"] = "true" });
        await host.PersonAsync("Ana Pérez", "aad-ana");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(host.Message("aad-ana", "mis solicitudes").ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await host.DbAsync(db => db.TeamsInboundActivities.CountAsync()));
    }

    [Fact]
    public async Task LocalMode_Off_MessageWithoutTokenIs401()
    {
        await using var host = await TeamsHost.StartAsync();

        var response = await host.PostAsync(host.Message("aad-ana", "ayuda"), token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:3978", true)]
    [InlineData("http://localhost:3978;http://[::1]:3978", true)]
    [InlineData("http://0.0.0.0:3978", false)]
    [InlineData("http://*:3978", false)]
    [InlineData("http://10.1.2.3:3978", false)]
    public void Options_LocalMode_AllowedOnlyOnLoopback(string urls, bool valid)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls }).Build();

        var result = new BotConnectorOptionsValidator(configuration).Validate(null, new BotConnectorOptions { AllowUnauthenticatedLocal = true });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Teams:AllowUnauthenticatedLocal", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public void Options_MaxTurnAttempts_AtLeastTwoSoThatACrashRightAfterStoringIsRecovered(int attempts, bool valid)
    {
        var options = new BotConnectorOptions { MaxTurnAttempts = attempts };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        var ok = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new System.ComponentModel.DataAnnotations.ValidationContext(options), results, validateAllProperties: true);

        Assert.Equal(valid, ok);
        if (!valid)
        {
            Assert.Contains("Teams:MaxTurnAttempts", Assert.Single(results).ErrorMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Options_AppIdWithoutPassword_NamesTheSetting()
    {
        var result = new BotConnectorOptionsValidator(new ConfigurationBuilder().Build()).Validate(null, new BotConnectorOptions { AppId = "app" });

        Assert.Contains("Teams:AppPassword", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:05:00", "00:00:30", true)] // the defaults: 3 retries of at most 30 s
    [InlineData("00:02:00", "00:00:30", false)]
    [InlineData("00:05:00", "00:01:00", false)]
    public void Options_ReplyEscrowDelay_OutlastsTheConnectorsRetriesOfAReply(string delay, string maxRetryAfter, bool valid)
    {
        var options = new BotConnectorOptions { ReplyEscrowDelay = TimeSpan.Parse(delay, System.Globalization.CultureInfo.InvariantCulture) };
        options.Retry.MaxRetryAfter = TimeSpan.Parse(maxRetryAfter, System.Globalization.CultureInfo.InvariantCulture);

        var result = new BotConnectorOptionsValidator(new ConfigurationBuilder().Build()).Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Teams:ReplyEscrowDelay", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
