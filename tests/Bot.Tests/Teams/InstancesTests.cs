using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SosepBot.Bot.Teams.BotConnector;
using SosepBot.Bot.Teams.Conversations;
using SosepBot.Core.Teams;
using SosepBot.TestKit;
using Xunit.Abstractions;

namespace SosepBot.Bot.Tests.Teams;

/// <summary>
/// Two service instances on one database: a conversation's activities act once and in arrival order and are answered in
/// that order (the lease is not given up under a turn that renewed it, nor lapses under a long one), activities stored by
/// the instance not holding the lease are marked waiting for its holder, a dead holder's conversation is taken over,
/// Teams' limits hold for both.
/// </summary>
public sealed class InstancesTests(ITestOutputHelper output)
{
    private const string Conversation = "a:conv-aad-ana";

    [Fact]
    public async Task TwoInstances_AlternatingActivitiesOfOneConversation_EachActsOnceAndRepliesInArrivalOrder()
    {
        var settings = await UnpacedDatabaseAsync("sosepbot-teams-two");
        await using var connector = await Fakes.FakeBotConnector.StartAsync();
        await using var one = await TeamsHost.StartAsync(settings);
        await using var two = await TeamsHost.StartAsync(settings);
        await one.PersonAsync("Ana Pérez", "aad-ana");

        var ids = Enumerable.Range(1, 12).Select(i => $"alterna-{i:D2}").ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            var host = i % 2 == 0 ? one : two;
            await PostAsync(host, connector, i % 3 == 0 ? "mis solicitudes" : "ayuda", ids[i]);
        }

        await AssertActedOnceInOrderAsync(one, connector, ids);
    }

    [Fact]
    public async Task TwoInstances_SignedTokensOfOneIssuer_AlternatingActivitiesActOnceInOrderAndForgedOnesAreRefusedByBoth()
    {
        var settings = await UnpacedDatabaseAsync("sosepbot-teams-signed");
        Assert.NotEqual("true", settings.GetValueOrDefault("Teams:AllowUnauthenticatedLocal"));
        await using var issuer = await Fakes.FakeBotFrameworkIdentity.StartAsync();
        await using var connector = await Fakes.FakeBotConnector.StartAsync();
        await using var one = await TeamsHost.StartAsync(settings, sharedIdentity: issuer);
        await using var two = await TeamsHost.StartAsync(settings, sharedIdentity: issuer);
        await one.PersonAsync("Ana Pérez", "aad-ana");

        // RS256 tokens of the one issuer both instances trust (its keys fetched over HTTP from its JWKS), as Teams sends them.
        using var stranger = RSA.Create(2048);
        var valid = issuer.Token(TeamsHost.AppId, connector.ServiceUrl);
        var forged = new (string Name, string Token)[]
        {
            ("clave-ajena", issuer.Token(TeamsHost.AppId, connector.ServiceUrl, unpublishedKey: stranger)),
            ("firma-alterada", Tampered(valid)),
            ("audiencia-ajena", issuer.Token("otra-aplicacion", connector.ServiceUrl)),
        };
        var ids = Enumerable.Range(1, 10).Select(i => $"firmada-{i:D2}").ToList();
        var refused = new List<string>();
        for (var i = 0; i < ids.Count; i++)
        {
            var (host, other) = i % 2 == 0 ? (one, two) : (two, one);
            await PostAsync(host, connector, i % 3 == 0 ? "mis solicitudes" : "ayuda", ids[i]);

            // Between them, a forged one to the other instance: refused before anything is stored.
            var (name, token) = forged[i % forged.Length];
            var id = $"{name}-{i:D2}";
            var message = other.Message("aad-ana", "ayuda", id);
            message["serviceUrl"] = connector.ServiceUrl;
            using var response = await other.PostAsync(message, token);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{id}: {response.StatusCode}");
            refused.Add(id);
        }

        // Only the signed ones are stored, acted on in the order posted and answered once each, in that order (a reply to
        // a refused one would be among the replies). Two consecutive turns run by different instances: the second waits
        // until the first's replies are posted (CI once saw two swapped, when a drain gave up a lease just renewed).
        await AssertActedOnceInOrderAsync(one, connector, ids);
        var acted = await one.DbAsync(db => db.TeamsInboundActivities.AsNoTracking().ToListAsync());
        Assert.Equal(ids, acted.OrderBy(a => a.ProcessedAt).ThenBy(a => a.Id).Select(a => a.ActivityId));
        Assert.DoesNotContain(await one.DbAsync(db => db.TeamsInboundActivities.AsNoTracking().Select(a => a.ActivityId).ToListAsync()), refused.Contains);
    }

    /// <summary>
    /// PostgreSQL only: the drain is held at its release statement while a read-only activity renews the lease on the same
    /// instance. On SQLite the instance's group-commit gate, which the release holds, keeps that renewal out until the
    /// release has run, so the interleaving cannot be held there in a test (it may still happen: the release statement,
    /// the same on every engine, is what leaves the renewal alone).
    /// </summary>
    [SkippableFact]
    [Trait("Engine", "PostgreSql")]
    public async Task LeaseRenewedByAReadOnlyActivityWhileTheDrainGivesItUp_StaysWithItsInstanceUntilThatTurnsRepliesArePosted()
    {
        Skip.If(TestServerDatabases.Provider != Core.Persistence.DatabaseProvider.PostgreSql, "Holds a statement that SQLite's group-commit gate would hold the renewal behind.");
        var settings = await UnpacedDatabaseAsync("sosepbot-teams-renewed");

        // Watching before the hosts start: EF Core skips its diagnostic events for a second after it found nobody listening.
        using var commands = new CommandWatch(settings["Database:ConnectionString"]!);
        await using var connector = await Fakes.FakeBotConnector.StartAsync();
        await using var one = await TeamsHost.StartAsync(settings);
        await using var two = await TeamsHost.StartAsync(settings);
        await one.PersonAsync("Ana Pérez", "aad-ana");

        // Instance one answers a first activity; its drain, its queue empty, gives the lease up: held at that statement.
        var releasing = commands.PauseOnce(c => c.CommandText.StartsWith("UPDATE", StringComparison.Ordinal) && c.CommandText.Contains("ConversationLeases", StringComparison.Ordinal)
            && c.Parameters.Cast<System.Data.Common.DbParameter>().Any(p => p.Value is DateTimeOffset at && at == DateTimeOffset.UnixEpoch));
        await PostAsync(one, connector, "ayuda", "primera");
        await Within(releasing, "instance one's drain did not give the lease up");

        // Meanwhile a read-only activity reaches the same instance: stored claimed, the lease renewed in its commit. Its
        // reply is held at the connector, so that its turn stays unfinished as long as the test wants.
        var second = new HeldReply(connector, "segunda");
        await PostAsync(one, connector, "mis solicitudes", "segunda");
        commands.Resume();
        await Within(second.Posting, "the second activity's reply was not posted"); // the drain went on (past its release), and runs it

        // The next activity goes to the other instance while the second's reply is still being posted: it must wait.
        await PostAsync(two, connector, "ayuda", "tercera");
        await Task.Delay(1000);
        var third = await one.DbAsync(db => db.TeamsInboundActivities.AsNoTracking().SingleAsync(a => a.ActivityId == "tercera"));
        var lease = await one.DbAsync(db => db.ConversationLeases.AsNoTracking().SingleAsync());
        Assert.DoesNotContain(connector.Posted, p => p.Path.EndsWith("/tercera", StringComparison.Ordinal));
        Assert.Null(third.ProcessedAt);
        Assert.Equal(one.Factory.Services.GetRequiredService<ConversationLeases>().InstanceId, lease.Holder);
        Assert.True(lease.ExpiresAt > one.Factory.Time.GetUtcNow(), $"lease expires at {lease.ExpiresAt:O}");

        second.Let();
        await WaitAsync(() => connector.Posted.Count >= 3, TimeSpan.FromSeconds(15), () => string.Join(" ", connector.Posted.Select(p => p.Path)));
        await Task.Delay(300);
        Assert.Equal(new[] { "primera", "segunda", "tercera" }.Select(Reply), connector.Posted.Select(p => p.Path));
    }

    [Fact]
    public async Task TurnOutlastingTheLease_ItsLeaseIsKeptRenewed_TheOtherInstanceWaitsForItsReplies()
    {
        var settings = await UnpacedDatabaseAsync("sosepbot-teams-long-turn");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow); // one clock for both instances
        await using var connector = await Fakes.FakeBotConnector.StartAsync();
        await using var one = await TeamsHost.StartAsync(settings, services: s => s.AddSingleton<TimeProvider>(time));
        await using var two = await TeamsHost.StartAsync(settings, services: s => s.AddSingleton<TimeProvider>(time));
        await one.PersonAsync("Ana Pérez", "aad-ana");

        // Instance one's turn posts its reply for longer than a lease (30 s), e.g. held back by Teams' throttling.
        var first = new HeldReply(connector, "larga");
        await PostAsync(one, connector, "ayuda", "larga");
        await Within(first.Posting, "the first activity's reply was not posted");
        for (var second = 0; second < 40; second += 5)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(100); // the keeper renews when half the lease has passed
        }

        // Forty seconds on, the next activity reaches the other instance: the lease is still instance one's.
        await PostAsync(two, connector, "mis solicitudes", "siguiente");
        await Task.Delay(1000);
        Assert.DoesNotContain(connector.Posted, p => p.Path.EndsWith("/siguiente", StringComparison.Ordinal));
        var lease = await one.DbAsync(db => db.ConversationLeases.AsNoTracking().SingleAsync());
        Assert.Equal(one.Factory.Services.GetRequiredService<ConversationLeases>().InstanceId, lease.Holder);
        Assert.True(lease.ExpiresAt > time.GetUtcNow(), $"lease expires at {lease.ExpiresAt:O}, now {time.GetUtcNow():O}");

        first.Let();
        await WaitAsync(() => connector.Posted.Count >= 2, TimeSpan.FromSeconds(15), () => string.Join(" ", connector.Posted.Select(p => p.Path)));
        await Task.Delay(300);
        Assert.Equal(new[] { "larga", "siguiente" }.Select(Reply), connector.Posted.Select(p => p.Path));
    }

    [Fact]
    public async Task ActivitiesStoredByTheOtherInstanceWhileTheHolderRuns_MarkItsLeaseWaiting_AndAreActedOnInOrderAtOnce()
    {
        await using var held = await HeldConversation.StartAsync("sosepbot-teams-waiting");
        var (connector, one, two, first) = (held.Connector, held.One, held.Two, held.First);

        // Meanwhile three activities reach the other instance: stored, each marking the lease waiting in its commit.
        var waiting = new[] { "espera-1", "espera-2", "espera-3" };
        for (var i = 0; i < waiting.Length; i++)
        {
            await PostAsync(two, connector, i == 1 ? "mis solicitudes" : "ayuda", waiting[i]);
        }

        var lease = await one.DbAsync(db => db.ConversationLeases.AsNoTracking().SingleAsync());
        Assert.True(lease.Waiting);
        Assert.Equal(one.Factory.Services.GetRequiredService<ConversationLeases>().InstanceId, lease.Holder);
        Assert.DoesNotContain(connector.Posted, p => p.Path.Contains("/espera-", StringComparison.Ordinal));

        // The holder's turn ends: the waiting ones are acted on at once (not when a lease expires), in arrival order.
        first.Let();
        await WaitAsync(() => connector.Posted.Count >= 4, TimeSpan.FromSeconds(2), () => string.Join(" ", connector.Posted.Select(p => p.Path)));
        await Task.Delay(300);
        Assert.Equal(waiting.Prepend("primera").Select(Reply), connector.Posted.Select(p => p.Path));
        Assert.False((await one.DbAsync(db => db.ConversationLeases.AsNoTracking().SingleAsync())).Waiting);
        await AssertCountedOnceAsync(one, waiting);
    }

    [Fact]
    public async Task InvokeReachingTheOtherInstanceWhileTheHolderRuns_ActsInItsPlace_AndItsCardGoesBackInItsHttpAnswer()
    {
        await using var held = await HeldConversation.StartAsync("sosepbot-teams-invoke");
        var (connector, one, two, first) = (held.Connector, held.One, held.Two, held.First);

        // A card's button reaches the other instance: it waits for the turn before it.
        var pressed = held.PressOnTheOtherAsync(CancellationToken.None);
        await PressedAsync(held); // stored, with the lease marked waiting in the same commit (a fixed pause was not always enough under load)
        await Task.Delay(700);
        Assert.False(pressed.IsCompleted, "The button was answered before the turn received before it had ended.");
        var lease = await one.DbAsync(db => db.ConversationLeases.AsNoTracking().SingleAsync());
        Assert.True(lease.Waiting);
        Assert.Equal(one.Factory.Services.GetRequiredService<ConversationLeases>().InstanceId, lease.Holder);

        // The turn ends: the button acts, once, and its card is the other instance's HTTP answer (not posted).
        first.Let();
        using var response = await pressed.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("AdaptiveCard", body["value"]!["type"]!.GetValue<string>());
        await Task.Delay(300);
        Assert.Equal([Reply("primera")], connector.Posted.Select(p => p.Path));
        Assert.NotNull((await one.DbAsync(db => db.TeamsInboundActivities.AsNoTracking().SingleAsync(a => a.ActivityId == "boton"))).ProcessedAt);
    }

    /// <summary>
    /// The receiver stops waiting (Teams hangs up) while the invoke waits behind the other instance's turn; that instance
    /// then runs it well within a turn's timeout of its arrival, when its card would be left for its receiver: it sees
    /// the receiver left and posts the card as a message, once.
    /// </summary>
    [Fact]
    public async Task InvokeWhoseReceiverWasHungUpOnBeforeTheHolderRanIt_TheHolderPostsItsCardOnce()
    {
        await using var held = await HeldConversation.StartAsync("sosepbot-teams-invoke-left");
        var (connector, one, two, first) = (held.Connector, held.One, held.Two, held.First);

        using var hangUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(800));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held.PressOnTheOtherAsync(hangUp.Token));
        await WaitAsync(() => one.DbAsync(db => db.TeamsInboundActivities.AsNoTracking().AnyAsync(a => a.ActivityId == "boton" && a.ReceiverLeft)).Result,
            TimeSpan.FromSeconds(15), () => "the receiver did not mark the invoke left");
        Assert.DoesNotContain(connector.Posted, p => p.Path.EndsWith("/boton", StringComparison.Ordinal));

        first.Let();
        await WaitAsync(() => connector.Posted.Any(p => p.Path.EndsWith("/boton", StringComparison.Ordinal)), TimeSpan.FromSeconds(10),
            () => string.Join(" ", connector.Posted.Select(p => p.Path)));
        await Task.Delay(500);
        Assert.Equal([Reply("primera"), Reply("boton")], connector.Posted.Select(p => p.Path));
        Assert.Contains("AdaptiveCard", connector.Posted[1].CardJson, StringComparison.Ordinal);
        var row = await one.DbAsync(db => db.TeamsInboundActivities.AsNoTracking().SingleAsync(a => a.ActivityId == "boton"));
        Assert.NotNull(row.ProcessedAt);
        await AssertCountedOnceAsync(one, ["boton"]); // received by two, run by one
        // On the service's clock the invoke ran within a turn's timeout of its arrival: by the time alone its card would
        // have been left to its receiver, who was gone.
        Assert.True(row.ReceivedAt > one.Factory.Time.GetUtcNow() - TimeSpan.FromSeconds(12));
    }

    /// <summary>
    /// The other order: the holder runs the invoke and leaves its card with the stored activity while the receiver still
    /// waits (here it does not look for the lease again during the test); Teams then hangs up. The receiver, leaving,
    /// finds the card stored (it does not mark the invoke left) and posts it as a message, once.
    /// </summary>
    [Fact]
    public async Task InvokeWhoseCardWasStoredBeforeTeamsHungUpOnItsReceiver_TheReceiverPostsTheCardOnce()
    {
        await using var held = await HeldConversation.StartAsync("sosepbot-teams-card-then-left", new() { ["Teams:ConversationLeaseRetry"] = "00:00:10" });
        var (connector, one) = (held.Connector, held.One);
        using var hangUp = new CancellationTokenSource();
        var press = held.PressOnTheOtherAsync(hangUp.Token);

        await CardStoredByTheHolderAsync(held, TimeSpan.FromSeconds(8));
        await Task.Delay(300);
        Assert.Equal([Reply("primera")], connector.Posted.Select(p => p.Path)); // left for its receiver, which still waits
        if (press.IsCompleted)
        {
            var early = await press;
            Assert.Fail($"answered early: {early.StatusCode} {await early.Content.ReadAsStringAsync()}");
        }

        await hangUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => press);
        await WaitAsync(() => connector.Posted.Any(p => p.Path.EndsWith("/boton", StringComparison.Ordinal)), TimeSpan.FromSeconds(5),
            () => string.Join(" ", connector.Posted.Select(p => p.Path)));
        await Task.Delay(500);
        Assert.Equal([Reply("primera"), Reply("boton")], connector.Posted.Select(p => p.Path));
        Assert.Contains("AdaptiveCard", connector.Posted[1].CardJson, StringComparison.Ordinal);
        Assert.False((await one.DbAsync(db => db.TeamsInboundActivities.AsNoTracking().SingleAsync(a => a.ActivityId == "boton"))).ReceiverLeft);
    }

    /// <summary>
    /// As above, but Teams still waits when the receiver's wait reaches a turn's timeout: the card found stored is the
    /// HTTP answer after all, not the «la atiendo después» notice, and nothing is posted.
    /// </summary>
    [Fact]
    public async Task InvokeWhoseCardWasStoredBeforeItsReceiversTimeout_TheReceiverAnswersWithTheCard()
    {
        await using var held = await HeldConversation.StartAsync(
            "sosepbot-teams-card-then-timeout", new() { ["Teams:ConversationLeaseRetry"] = "00:00:10", ["Teams:TurnTimeout"] = "00:00:03" });
        var (connector, one) = (held.Connector, held.One);
        var press = held.PressOnTheOtherAsync(CancellationToken.None);

        await CardStoredByTheHolderAsync(held, TimeSpan.FromSeconds(2));
        Assert.False(press.IsCompleted);

        var response = await press.WaitAsync(TimeSpan.FromSeconds(8));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("Mesa de ayuda", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Bot.Teams.TeamsTexts.InvokeQueued, body.ToJsonString(), StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Equal([Reply("primera")], connector.Posted.Select(p => p.Path));
    }

    [Fact]
    public async Task ReadOnlyTurnsOfOneInstance_NobodyWaiting_TheLeaseIsGivenUpWithoutLookingForStoredActivities()
    {
        var settings = await UnpacedDatabaseAsync("sosepbot-teams-statements");

        // Watching before the host starts: EF Core skips its diagnostic events for a second after it found nobody listening.
        using var commands = new CommandWatch(settings["Database:ConnectionString"]!);
        await using var connector = await Fakes.FakeBotConnector.StartAsync();
        await using var one = await TeamsHost.StartAsync(settings);
        await one.PersonAsync("Ana Pérez", "aad-ana");
        await PostAsync(one, connector, "ayuda", "primera"); // the person's first turn writes the conversation reference
        await WaitAsync(() => connector.Posted.Count >= 1, TimeSpan.FromSeconds(15));
        await Task.Delay(300);

        commands.Reset();
        var looks = 0;
        commands.Watch = c =>
        {
            if (IsLookBeforeRelease(c))
            {
                Interlocked.Increment(ref looks);
            }
        };
        const int Turns = 10;
        for (var i = 0; i < Turns; i++)
        {
            await PostAsync(one, connector, i % 2 == 0 ? "ayuda" : "mis solicitudes", $"turno-{i}");
            await WaitAsync(() => connector.Posted.Count >= i + 2, TimeSpan.FromSeconds(15));
            await WaitAsync(() => one.Factory.Services.GetRequiredService<TurnScheduler>().Pending == 0, TimeSpan.FromSeconds(15));
        }

        output.WriteLine($"{(double)commands.Count / Turns:F1} statements per read-only turn ({TestServerDatabases.Provider})");
        Assert.Equal(0, looks);
    }

    [Fact]
    public async Task LeaseOfAnInstanceThatDied_Expires_TheOtherInstanceFinishesTheConversationInOrder()
    {
        var settings = await NewDatabaseAsync("sosepbot-teams-lease");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var connector = await Fakes.FakeBotConnector.StartAsync();
        await using var host = await TeamsHost.StartAsync(settings, services: s => s.AddSingleton<TimeProvider>(time));
        await host.PersonAsync("Ana Pérez", "aad-ana");

        // What an instance that died mid-conversation left: its lease, and two activities it had stored but not acted on.
        await host.DbAsync(async db =>
        {
            db.ConversationLeases.Add(new TeamsConversationLease { ConversationId = Conversation, Holder = "instancia-caida", ExpiresAt = time.GetUtcNow() + TimeSpan.FromSeconds(30) });
            foreach (var id in new[] { "dejada-1", "dejada-2" })
            {
                var body = host.Message("aad-ana", "ayuda", id);
                body["serviceUrl"] = connector.ServiceUrl;
                db.TeamsInboundActivities.Add(new TeamsInboundActivity
                {
                    ActivityId = id, ConversationId = Conversation, ChannelId = "msteams", Type = "message",
                    Body = body.ToJsonString(), ReceivedAt = time.GetUtcNow(),
                });
            }

            return await db.SaveChangesAsync();
        });

        // A new activity of the conversation is stored, and waits for the lease.
        await PostAsync(host, connector, "mis solicitudes", "nueva-3");
        await Task.Delay(500);
        Assert.Empty(connector.Posted);

        time.Advance(TimeSpan.FromSeconds(31));

        await WaitAsync(() => connector.Posted.Count >= 3, TimeSpan.FromSeconds(15));
        Assert.Equal(new[] { "dejada-1", "dejada-2", "nueva-3" }.Select(Reply), connector.Posted.Select(p => p.Path));
        var lease = await host.DbAsync(db => db.ConversationLeases.AsNoTracking().SingleAsync());
        Assert.NotEqual("instancia-caida", lease.Holder);
    }

    [Fact]
    public async Task RateLimit_TwoInstancesPostingToOneConversation_HoldsForBothTogether()
    {
        var settings = await NewDatabaseAsync("sosepbot-teams-rate");
        settings["Teams:RateLimit:PerSecond"] = "2";
        settings["Teams:RateLimit:Per30Seconds"] = "0";
        settings["Teams:RateLimit:PerHour"] = "0";
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow); // one clock for both instances
        await using var connector = await Fakes.FakeBotConnector.StartAsync();
        await using var one = await TeamsHost.StartAsync(settings, services: s => s.AddSingleton<TimeProvider>(time));
        await using var two = await TeamsHost.StartAsync(settings, services: s => s.AddSingleton<TimeProvider>(time));
        await one.PersonAsync("Ana Pérez", "aad-ana");

        // Six turns of one conversation, alternating between the instances; each reply waits for its place in the
        // shared pace (2 per second: two at once, then one a second), on one clock that the test moves a second at a time.
        for (var i = 0; i < 6; i++)
        {
            await PostAsync(i % 2 == 0 ? one : two, connector, "ayuda", $"limite-{i}");
        }

        var seen = 0;
        for (var second = 0; second < 12 && seen < 6; second++)
        {
            await Task.Delay(700); // whatever may go in this second goes
            var now = connector.Posted.Count;
            Assert.True(now - seen <= 2, $"{now - seen} posts to the conversation within one second (at most 2)");
            seen = now;
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(6, seen);
    }

    [Fact]
    public async Task RateLimiter_EighthCallInOneSecond_WaitsForTheWindow()
    {
        var settings = await NewDatabaseAsync("sosepbot-teams-rate-one");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await TeamsHost.StartAsync(settings, services: s => s.AddSingleton<TimeProvider>(time));
        var limiter = host.Factory.Services.GetRequiredService<ConversationRateLimiter>();

        // 7 per second: all 7 at once, then the eighth waits for the second to pass.
        for (var i = 0; i < 7; i++)
        {
            await limiter.WaitAsync("conv", default);
        }

        var eighth = limiter.WaitAsync("conv", default);
        await limiter.WaitAsync("otra-conversacion", default).WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(200);
        Assert.False(eighth.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(500));
        await Task.Delay(200);
        Assert.False(eighth.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(500));
        await eighth.WaitAsync(TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// A database for two instances whose replies Teams' limits do not hold back: the service clock stands still in these
    /// hosts (the limits have tests of their own).
    /// </summary>
    private static async Task<Dictionary<string, string?>> UnpacedDatabaseAsync(string name)
    {
        var settings = await NewDatabaseAsync(name);
        settings["Teams:RateLimit:PerSecond"] = "0";
        settings["Teams:RateLimit:Per30Seconds"] = "0";
        settings["Teams:RateLimit:PerHour"] = "0";
        return settings;
    }

    private static async Task<Dictionary<string, string?>> NewDatabaseAsync(string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), name, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return await TestServerDatabases.NewAsync(directory, "bot.db"); // one database for both instances
    }

    private static async Task PostAsync(TeamsHost host, Fakes.FakeBotConnector connector, string text, string id)
    {
        var message = host.Message("aad-ana", text, id);
        message["serviceUrl"] = connector.ServiceUrl;
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(message, host.Token(connector.ServiceUrl))).StatusCode);
    }

    /// <summary>Each activity stored once and acted on, each answered once, in the order posted.</summary>
    private static async Task AssertActedOnceInOrderAsync(TeamsHost host, Fakes.FakeBotConnector connector, List<string> ids)
    {
        await WaitAsync(() => connector.Posted.Count >= ids.Count, TimeSpan.FromSeconds(30), () => string.Join(" ", connector.Posted.Select(p => p.Path)));
        await Task.Delay(300); // a second reply to any of them would arrive by now

        Assert.Equal(ids.Select(Reply), connector.Posted.Select(p => p.Path));
        var rows = await host.DbAsync(db => db.TeamsInboundActivities.AsNoTracking().ToListAsync());
        Assert.Equal(ids.Order(StringComparer.Ordinal), rows.Select(r => r.ActivityId).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.NotNull(r.ProcessedAt));

        await AssertCountedOnceAsync(host, ids);
    }

    /// <summary>
    /// Each activity ran once, wherever it was received: one attempt counted, not one by its receiver and one by the
    /// instance that ran it (the receiver gives its count back when its own turn finds the activity claimed, which may
    /// come a little after the run).
    /// </summary>
    private static async Task AssertCountedOnceAsync(TeamsHost host, IReadOnlyCollection<string> ids)
    {
        var attempts = new Dictionary<string, int>();
        await WaitAsync(
            () =>
            {
                attempts = host.DbAsync(db => db.TeamsInboundActivities.AsNoTracking().Where(a => ids.Contains(a.ActivityId))
                    .ToDictionaryAsync(a => a.ActivityId, a => a.Attempts)).Result;
                return attempts.Count == ids.Count && attempts.Values.All(n => n == 1);
            },
            TimeSpan.FromSeconds(5),
            () => string.Join(", ", attempts.Select(a => $"{a.Key}: {a.Value} attempts counted")));
    }

    /// <summary>The token with one character of its signature changed: a signature its key did not make.</summary>
    private static string Tampered(string token)
    {
        var dot = token.LastIndexOf('.') + 10;
        return string.Concat(token.AsSpan(0, dot), token[dot] == 'A' ? "B" : "A", token.AsSpan(dot + 1));
    }

    /// <summary>
    /// Two instances on one database, instance one holding Ana's conversation while its first turn's reply («primera»)
    /// is held at the connector (<see cref="First"/> lets it go).
    /// </summary>
    private sealed class HeldConversation : IAsyncDisposable
    {
        private HeldConversation(Fakes.FakeBotConnector connector, TeamsHost one, TeamsHost two, HeldReply first) =>
            (Connector, One, Two, First) = (connector, one, two, first);

        public Fakes.FakeBotConnector Connector { get; }

        public TeamsHost One { get; }

        public TeamsHost Two { get; }

        public HeldReply First { get; }

        /// <summary>Ana presses a card's «Menú» button (activity «boton»), and Teams sends the invoke to instance two.</summary>
        public Task<HttpResponseMessage> PressOnTheOtherAsync(CancellationToken hangUp)
        {
            var press = Two.Execute("aad-ana", "menu", new System.Text.Json.Nodes.JsonObject(), "boton");
            press["serviceUrl"] = Connector.ServiceUrl;
            return Two.PostAsync(press, Two.Token(Connector.ServiceUrl), hangUp);
        }

        /// <param name="database">The database's name.</param>
        /// <param name="twoOnly">Settings of instance two alone (over the shared ones).</param>
        public static async Task<HeldConversation> StartAsync(string database, Dictionary<string, string?>? twoOnly = null)
        {
            var settings = await UnpacedDatabaseAsync(database);
            var connector = await Fakes.FakeBotConnector.StartAsync();
            var one = await TeamsHost.StartAsync(settings);
            var twoSettings = new Dictionary<string, string?>(settings);
            foreach (var (key, value) in twoOnly ?? [])
            {
                twoSettings[key] = value;
            }

            var two = await TeamsHost.StartAsync(twoSettings);
            await one.PersonAsync("Ana Pérez", "aad-ana");
            var first = new HeldReply(connector, "primera");
            await PostAsync(one, connector, "ayuda", "primera");
            await Within(first.Posting, "the first activity's reply was not posted");
            return new HeldConversation(connector, one, two, first);
        }

        public async ValueTask DisposeAsync()
        {
            await Two.DisposeAsync();
            await One.DisposeAsync();
            await Connector.DisposeAsync();
        }
    }

    /// <summary>The press reached instance two and is stored, and two has found the lease taken (and waits to try again).</summary>
    private static async Task PressedAsync(HeldConversation held)
    {
        await WaitAsync(() => held.One.DbAsync(db => db.TeamsInboundActivities.AsNoTracking().AnyAsync(a => a.ActivityId == "boton")).Result,
            TimeSpan.FromSeconds(10), () => "the press was not stored");
        await Task.Delay(300);
    }

    /// <summary>Once the press waits on instance two, the holder's first turn ends and it runs the invoke, leaving the card with the stored row.</summary>
    private static async Task CardStoredByTheHolderAsync(HeldConversation held, TimeSpan within)
    {
        await PressedAsync(held);
        held.First.Let();
        await WaitAsync(() => held.One.DbAsync(db => db.TeamsInboundActivities.AsNoTracking().AnyAsync(a => a.ActivityId == "boton" && a.Response != null)).Result,
            within, () => "the holder did not leave the card with the stored invoke");
    }

    /// <summary>A drain's look for the conversation's stored activities, all of them (not only those before a turn).</summary>
    private static bool IsLookBeforeRelease(System.Data.Common.DbCommand command) =>
        command.CommandText.Contains("TeamsInboundActivities", StringComparison.Ordinal)
        && command.Parameters.Cast<System.Data.Common.DbParameter>().Any(p => p.Value is long.MaxValue);

    private static async Task Within(Task task, string failure)
    {
        try
        {
            await task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            Assert.Fail(failure);
        }
    }

    private static string Reply(string activityId) => $"/v3/conversations/{Conversation}/activities/{activityId}";

    private static async Task WaitAsync(Func<bool> done, TimeSpan timeout, Func<string>? state = null)
    {
        var until = DateTime.UtcNow + timeout;
        while (!done() && DateTime.UtcNow < until)
        {
            await Task.Delay(25);
        }

        Assert.True(done(), "timed out; " + state?.Invoke());
    }
}
