using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Bot.Teams.Conversations;
using SosepBot.TestKit;

namespace SosepBot.Bot.Tests.Teams;

/// <summary>
/// A read-only turn (a status, a list, help) is stored already claimed and runs in its conversation's order: one that
/// arrives while an earlier turn of its conversation is still running waits for it; one that fails gives its claim back
/// and is tried again like any failed turn.
/// </summary>
public sealed partial class TurnOrderTests : AnaHostTests
{
    [Fact]
    public async Task ReadOnlyTurn_SentWhileAWriteTurnIsStillReplying_AnsweredAfterItAndSeesWhatItOpened()
    {
        // The ticket's reply meets a 429 and waits a second (of the service's clock) before it is delivered: the list asked right after must
        // not overtake it, and must already show the ticket.
        Host.Connector.Throttle(1, retryAfterSeconds: 1);
        Assert.Equal(HttpStatusCode.OK, (await Host.PostAsync(Submit("orden-1"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Host.PostAsync(Host.Message(Ana, "mis solicitudes"))).StatusCode);
        await ChannelAuthenticationTests.WaitAsync(() => Host.Connector.Calls.Any(c => c.Status == 429));
        await Task.Delay(500);
        Assert.Empty(Host.Connector.Posted); // the list waits for the ticket's reply (Retry-After not passed on the service's clock)

        Host.Factory.Time.Advance(TimeSpan.FromSeconds(1));
        var list = await Host.Connector.WaitForPostAsync(p => p.CardJson.Contains("Mis solicitudes", StringComparison.Ordinal));
        var posted = Host.Connector.Posted.ToList();
        var ticket = posted.FindIndex(p => Number().IsMatch(p.Text + p.CardJson) && !p.CardJson.Contains("Mis solicitudes", StringComparison.Ordinal));
        Assert.True(ticket >= 0, "The ticket's reply was not delivered.");
        Assert.True(ticket < posted.IndexOf(list), "The list was answered before the ticket opened just before it.");
        var number = await Host.DbAsync(db => db.Requests.Select(r => r.Number).SingleAsync());
        Assert.Contains(number, list.CardJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Places_FilledOutOfOrder_RunInTheOrderTheActivitiesArrived()
    {
        // Two activities of one conversation arrive in this order, but the second is stored first.
        var scheduler = Host.Factory.Services.GetRequiredService<TurnScheduler>();
        var conversation = "a:conv-" + Ana;
        var first = scheduler.Reserve(conversation);
        var second = scheduler.Reserve(conversation);
        var abandoned = scheduler.Reserve(conversation);
        var third = scheduler.Reserve(conversation);
        scheduler.Fill(second, await StoreAsync("mis solicitudes", "segunda"), attemptCounted: false, null);
        scheduler.Fill(third, await StoreAsync("menú", "tercera"), attemptCounted: false, null);
        await Task.Delay(300);
        Assert.Empty(Host.Connector.Posted); // all wait for the first place

        scheduler.Fill(first, await StoreAsync("ayuda", "primera"), attemptCounted: false, null);
        await ChannelAuthenticationTests.WaitAsync(() => Host.Connector.Posted.Count >= 2);
        await Task.Delay(300);
        Assert.Equal(2, Host.Connector.Posted.Count); // the third waits for the place given up next

        scheduler.Release(abandoned);
        await ChannelAuthenticationTests.WaitAsync(() => Host.Connector.Posted.Count >= 3);
        Assert.Equal(["primera", "segunda", "tercera"], Host.Connector.Posted.Select(p => p.Path[(p.Path.LastIndexOf('/') + 1)..]));
    }

    [Fact]
    public async Task ReadOnlyTurn_FailingEveryTime_IsGivenBackTriedAgainAndApologisedForOnce()
    {
        // A ticket, then the comments' table gone: the status of the ticket (stored claimed) fails at every attempt.
        Assert.Equal(HttpStatusCode.OK, (await Host.PostAsync(Submit("falla-1"))).StatusCode);
        await Host.Connector.WaitForPostAsync(p => Number().IsMatch(p.Text + p.CardJson));
        var number = await Host.DbAsync(db => db.Requests.Select(r => r.Number).SingleAsync());
        await Host.DbAsync(db => db.Database.ExecuteSqlRawAsync("DROP TABLE \"Comments\";"));

        Assert.Equal(HttpStatusCode.OK, (await Host.PostAsync(Host.Message(Ana, number, id: "estado-que-falla"))).StatusCode);

        // Each failed attempt gives the claim back and counts; the next waits attempt × 1 s of the service's clock (moved
        // on a second at a time until the apology: the scheduler starts its wait only after the give-back is visible here).
        await WaitForRowAsync(r => r.Attempts == 1 && r.ProcessedAt is null && r.LastError == (TestServerDatabases.Provider == Core.Persistence.DatabaseProvider.PostgreSql ? "PostgresException" : "SqliteException"));
        Fakes.ConnectorCall? apology = null;
        for (var until = DateTime.UtcNow.AddSeconds(10); apology is null; await Task.Delay(50))
        {
            Assert.True(DateTime.UtcNow < until, "No apology after the last attempt.");
            Host.Factory.Time.Advance(TimeSpan.FromSeconds(1));
            apology = Host.Connector.Posted.FirstOrDefault(p => p.Text.Contains("error interno", StringComparison.Ordinal));
        }

        Assert.EndsWith("/activities/estado-que-falla", apology.Path, StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Single(Host.Connector.Posted, p => p.Text.Contains("error interno", StringComparison.Ordinal));
        var row = await Row("estado-que-falla");
        Assert.Equal(3, row.Attempts);
        Assert.Null(row.ProcessedAt);
    }

    [Fact]
    public async Task ReadOnlyTurn_FirstOfAPerson_StoredProcessedOnceWithTheConversationReference()
    {
        Assert.Equal(HttpStatusCode.OK, (await Host.PostAsync(Host.Message(Ana, "ayuda", id: "primera"))).StatusCode);

        await Host.Connector.WaitForPostAsync(p => p.Text.Contains("Unidad de Informática", StringComparison.Ordinal));
        var row = await Host.DbAsync(db => db.TeamsInboundActivities.AsNoTracking().SingleAsync(a => a.ActivityId == "primera"));
        Assert.NotNull(row.ProcessedAt);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.LastError);
        var reference = await Host.DbAsync(db => db.TeamsConversationReferences.AsNoTracking().SingleAsync());
        Assert.Equal("a:conv-" + Ana, reference.ConversationId);
        Assert.Equal(Host.Connector.ServiceUrl, reference.ServiceUrl);
    }

    [Fact]
    public async Task ReadOnlyTurns_ManyConversationsAtOnce_EachAnsweredOnceInOrder()
    {
        var people = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var aad = $"aad-persona-{i}";
            await Host.PersonAsync($"Persona {i}", aad);
            people.Add(aad);
        }

        // Three turns per conversation sent without waiting for the replies: held conversations queue the next ones.
        await Task.WhenAll(people.Select(async aad =>
        {
            var n = 0;
            foreach (var text in new[] { "ayuda", "mis solicitudes", "menú" })
            {
                Assert.Equal(HttpStatusCode.OK, (await Host.PostAsync(Host.Message(aad, text, id: $"{aad}-{++n}"))).StatusCode);
            }
        }));

        await ChannelAuthenticationTests.WaitAsync(() => Host.Connector.Posted.Count >= 18);
        await Task.Delay(300);
        var posted = Host.Connector.Posted;
        Assert.Equal(18, posted.Count);
        foreach (var aad in people)
        {
            var replies = posted.Where(p => p.Path.StartsWith($"/v3/conversations/a:conv-{aad}/", StringComparison.Ordinal)).Select(p => p.Path[(p.Path.LastIndexOf('/') + 1)..]).ToList();
            Assert.Equal([$"{aad}-1", $"{aad}-2", $"{aad}-3"], replies);
        }

        Assert.Equal(18, await Host.DbAsync(db => db.TeamsInboundActivities.CountAsync(a => a.ProcessedAt != null && a.Attempts == 1)));
    }

    [Theory]
    [InlineData("menu")] // read-only: stored already claimed, its turn queued
    [InlineData("enviarFormulario")] // a write: stored, then acted on in its place
    public async Task Invoke_PressedWhileAnEarlierTurnIsStillReplying_RunsAfterItAndAnswersInItsHttpResponse(string verb)
    {
        // The ticket's reply is held at the connector: the button pressed right after waits for that turn to end.
        var held = new HeldReply(Host.Connector, "ticket-retenido");
        Assert.Equal(HttpStatusCode.OK, (await Host.PostAsync(Submit("orden-boton", "ticket-retenido"))).StatusCode);
        await held.Posting.WaitAsync(TimeSpan.FromSeconds(15));
        var data = verb == "menu" ? new JsonObject() : SubmitValue("boton-formulario");
        var pressed = Host.InvokeAsync(Host.Execute(Ana, verb, data, id: "boton"));
        await Task.Delay(500);
        Assert.False(pressed.IsCompleted, "The button was answered before the turn received before it had ended.");
        Assert.False(Answered(await Row("boton")));
        Assert.Equal(1, await Host.DbAsync(db => db.Requests.CountAsync()));

        held.Let();
        var card = await pressed.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        if (verb != "menu")
        {
            // Opened after the ticket before it: the second number.
            Assert.Contains("-00002", card.ToJsonString(), StringComparison.Ordinal);
        }

        await WaitForAsync("boton", Answered);

        // Its card went back in the HTTP answer; the ticket's reply alone was posted.
        Assert.Single(Host.Connector.Posted);
        Assert.EndsWith("/ticket-retenido", Host.Connector.Posted[0].Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOnlyInvoke_RedeliveredWhileItWaitsItsTurn_BothAnswersCarryTheSameCard_NothingPosted()
    {
        // Teams sends the button again while its first delivery still waits behind a held turn. The redelivery's turn
        // runs right after the original's, before the original's card is written to the row (bookkeeping that waits for
        // the next group commit on SQLite): it must answer with that card all the same.
        var held = new HeldReply(Host.Connector, "ticket-retenido");
        Assert.Equal(HttpStatusCode.OK, (await Host.PostAsync(Submit("orden-repetido", "ticket-retenido"))).StatusCode);
        await held.Posting.WaitAsync(TimeSpan.FromSeconds(15));
        var press = Host.Execute(Ana, "menu", new JsonObject(), id: "boton-repetido");
        var first = Host.InvokeAsync(press);
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!await Host.DbAsync(db => db.TeamsInboundActivities.AnyAsync(a => a.ActivityId == "boton-repetido" && a.ProcessedAt != null)))
        {
            Assert.True(DateTime.UtcNow < until, "The button was not stored claimed.");
            await Task.Delay(20);
        }

        var again = Host.InvokeAsync(press);
        await Task.Delay(300);
        Assert.False(first.IsCompleted || again.IsCompleted, "A button was answered before the turn received before it had ended.");

        held.Let();
        var card = await first.WaitAsync(TimeSpan.FromSeconds(15));
        var repeated = await again.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Contains("Mesa de ayuda", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(card.ToJsonString(), repeated.ToJsonString());
        await Task.Delay(300);
        Assert.Single(Host.Connector.Posted); // the ticket's reply; both cards went back in the HTTP answers
        Assert.Equal(1, await Host.DbAsync(db => db.TeamsInboundActivities.CountAsync(a => a.ActivityId == "boton-repetido")));
    }

    [Fact]
    public async Task Invoke_WaitingLongerThanATurnsTimeout_TeamsIsToldItIsQueued_AndItsCardIsPostedOnceItRuns()
    {
        await using var host = await TeamsHost.StartAsync(new Dictionary<string, string?> { ["Teams:TurnTimeout"] = "00:00:01" });
        await host.PersonAsync("Ana Pérez", Ana);
        var held = new HeldReply(host.Connector, "ticket-largo");
        var submit = host.Message(Ana, string.Empty, id: "ticket-largo");
        submit.Remove("text");
        submit["value"] = SubmitValue("orden-largo");
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(submit)).StatusCode);
        await held.Posting.WaitAsync(TimeSpan.FromSeconds(15));

        // Teams gets an answer within the turn's timeout, saying the action waits its turn.
        var queued = await host.InvokeAsync(host.Execute(Ana, "menu", new JsonObject(), id: "boton-en-cola")).WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(Bot.Teams.TeamsTexts.InvokeQueued, queued["body"]![0]!["text"]!.GetValue<string>());
        Assert.False(Answered(await host.DbAsync(db => db.TeamsInboundActivities.AsNoTracking().SingleAsync(a => a.ActivityId == "boton-en-cola"))));

        // The earlier turn ends: the button's turn runs, and its card is posted as a reply to it.
        held.Let();
        var card = await host.Connector.WaitForPostAsync(p => p.Path.EndsWith("/boton-en-cola", StringComparison.Ordinal));
        Assert.Contains("AdaptiveCard", card.CardJson, StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Single(host.Connector.Posted, p => p.Path.EndsWith("/boton-en-cola", StringComparison.Ordinal));
        Assert.NotNull((await host.DbAsync(db => db.TeamsInboundActivities.AsNoTracking().SingleAsync(a => a.ActivityId == "boton-en-cola"))).ProcessedAt);
        Assert.Single(host.Connector.Posted, p => p.Path.EndsWith("/ticket-largo", StringComparison.Ordinal));
    }

    /// <summary>A DS-UI-04 form submitted with Action.Submit (a message carrying the form's values): a write turn.</summary>
    private JsonObject Submit(string token, string? id = null)
    {
        var submit = Host.Message(Ana, string.Empty, id);
        submit.Remove("text");
        submit["value"] = SubmitValue(token);
        return submit;
    }

    private static JsonObject SubmitValue(string token) => new()
    {
        ["verb"] = "enviarFormulario", ["procedure"] = "DS-UI-04", ["token"] = token,
        ["title"] = "La impresora del segundo nivel no imprime", ["description"] = "Desde esta mañana.",
    };

    /// <summary>Stores a message of Ana's as the receiver would, without queuing it; returns its row id.</summary>
    private Task<long> StoreAsync(string text, string activityId) => Host.DbAsync(async db =>
    {
        var row = new Core.Teams.TeamsInboundActivity
        {
            ActivityId = activityId, ConversationId = "a:conv-" + Ana, ChannelId = "msteams", Type = "message",
            Body = Host.Message(Ana, text, id: activityId).ToJsonString(), ReceivedAt = DateTimeOffset.UtcNow,
        };
        db.TeamsInboundActivities.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    });

    private Task<Core.Teams.TeamsInboundActivity> Row(string activityId) =>
        Host.DbAsync(db => db.TeamsInboundActivities.AsNoTracking().SingleAsync(a => a.ActivityId == activityId));

    /// <summary>Acted on and answered: processed, and (a read-only turn stored claimed) its answer no longer pending.</summary>
    private static bool Answered(Core.Teams.TeamsInboundActivity row) => row.ProcessedAt is not null && !row.AnswerPending;

    private Task WaitForRowAsync(Func<Core.Teams.TeamsInboundActivity, bool> condition) => WaitForAsync("estado-que-falla", condition);

    private async Task WaitForAsync(string activityId, Func<Core.Teams.TeamsInboundActivity, bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        Core.Teams.TeamsInboundActivity row;
        while (!condition(row = await Row(activityId)))
        {
            Assert.True(DateTime.UtcNow < until, $"Timed out waiting for the stored activity (attempts {row.Attempts}, processed {row.ProcessedAt}, last error {row.LastError}).");
            await Task.Delay(20);
        }
    }

    [GeneratedRegex(@"UI-\d{4}-\d{5}")]
    private static partial Regex Number();
}
