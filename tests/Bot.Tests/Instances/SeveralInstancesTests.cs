using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SosepBot.Bot.Tests.Fakes;
using SosepBot.Core.Notifications;
using Xunit.Abstractions;

namespace SosepBot.Bot.Tests.Instances;

/// <summary>
/// Three real instances on one PostgreSQL database behind a round-robin proxy behave as one: numbering, the shared
/// mailbox, the recurring jobs, the console's sign-in, and kill -9 of one instance at a time under mixed load.
/// </summary>
[Trait("Engine", "PostgreSql")]
public sealed partial class SeveralInstancesTests(ClusterFixture fixture, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private InstanceCluster Cluster => fixture.Cluster;

    [SkippableFact]
    public async Task Api_ConcurrentOpeningsThroughTheProxy_DistinctGaplessNumbersVisibleOnEveryInstance()
    {
        Skip.If(ClusterFixture.Unavailable is not null, ClusterFixture.Unavailable);
        output.WriteLine($"three instances started together in {fixture.StartTime.TotalSeconds:F1} s");
        using var api = Api(Cluster.ProxyUrl);
        var clock = Stopwatch.StartNew();
        var numbers = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(client => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                using var created = await api.PostAsJsonAsync("/api/requests", new { procedure = "DS-UI-04", title = $"Consulta {client}-{i} por la API" });
                Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
                numbers.Add(NumberOf(await created.Content.ReadAsStringAsync()));
            }
        })));
        output.WriteLine($"60 openings from 12 clients through the proxy in {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(60, numbers.Distinct().Count());
        await AssertGaplessAsync();
        foreach (var instance in Cluster.Instances)
        {
            using var direct = Api($"http://127.0.0.1:{instance.Port}");
            foreach (var number in numbers)
            {
                using var read = await direct.GetAsync($"/api/requests/{number}");
                Assert.True(read.StatusCode == HttpStatusCode.OK, $"{number} on port {instance.Port}: {read.StatusCode}");
            }
        }
    }

    [SkippableFact]
    public async Task Mailbox_WatchedByEveryInstance_EachMailOneRequestAndOneReply()
    {
        Skip.If(ClusterFixture.Unavailable is not null, ClusterFixture.Unavailable);
        var mails = Enumerable.Range(0, 12).Select(i => (From: ClusterFixture.NewAddress("remitente"), Subject: $"Equipo {i} sin encender {Guid.NewGuid():N}")).ToList();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(mails.Select(m => fixture.SendMailAsync(m.From, m.Subject)));

        Assert.Equal(0, await AssertMailsAnsweredOnceAsync(mails, TimeSpan.FromSeconds(60))); // no instance died: none twice
        output.WriteLine($"{mails.Count} mails: requests and replies in {clock.Elapsed.TotalSeconds:F1} s");
    }

    [SkippableFact]
    public async Task Jobs_RecurringOccurrenceOnceAcrossInstances_DigestNoticeSentOnce()
    {
        Skip.If(ClusterFixture.Unavailable is not null, ClusterFixture.Unavailable);

        // The weekly digest is due every 5 seconds here: wait for a few occurrences.
        var clock = Stopwatch.StartNew();
        IReadOnlyList<(long Time, long Jobs)> occurrences = [];
        while (clock.Elapsed < TimeSpan.FromSeconds(40))
        {
            occurrences = await OccurrencesAsync("resumen-semanal");
            if (occurrences.Count >= 4)
            {
                break;
            }

            await Task.Delay(500);
        }

        output.WriteLine($"{occurrences.Count} occurrences of the weekly digest in {clock.Elapsed.TotalSeconds:F1} s: {string.Join(", ", occurrences.Select(o => $"{o.Time}×{o.Jobs}"))}");
        Assert.True(occurrences.Count >= 4, Cluster.Output);
        Assert.All(occurrences, o => Assert.Equal(1, o.Jobs));

        // The notice is the day's (one per day, whatever the runs): queued once, mailed once.
        var until = DateTime.UtcNow.AddSeconds(20);
        while (await ClusterFixture.InboxCountAsync(fixture.DigestRecipient) == 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(300);
        }

        await Task.Delay(2000);
        Assert.Equal(1, await ClusterFixture.InboxCountAsync(fixture.DigestRecipient));
        Assert.Equal(1, await Cluster.DbAsync(db => db.OutboxMessages.CountAsync(m => m.Recipient == fixture.DigestRecipient)));
    }

    [SkippableFact]
    public async Task Console_SignedInThroughTheProxy_ValidOnEveryInstance()
    {
        Skip.If(ClusterFixture.Unavailable is not null, ClusterFixture.Unavailable);
        var (exit, link) = await Cluster.Instances[1].CliOutputAsync("login-link", "--email", fixture.StaffEmail, "--Web:PublicUrl", Cluster.ProxyUrl);
        Assert.Equal(0, exit);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });

        // The form and its anti-forgery token come from one instance, the post goes to the next one (round-robin).
        var page = await browser.GetStringAsync(new Uri(link));
        var token = Token().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);
        var t = new Uri(link).Query.Split("t=")[1];
        using var posted = await browser.PostAsync(new Uri($"{Cluster.ProxyUrl}/entrar"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["t"] = Uri.UnescapeDataString(t),
            ["volver"] = string.Empty,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"{posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
        Assert.Contains(cookies.GetAllCookies(), c => c.Name == "sosep.consola");

        foreach (var instance in Cluster.Instances)
        {
            using var home = await browser.GetAsync(new Uri($"http://127.0.0.1:{instance.Port}/"));
            Assert.True(home.StatusCode == HttpStatusCode.OK, $"port {instance.Port}: {home.StatusCode} {home.Headers.Location}");
        }

        // The link served once: used up for every instance.
        using var again = await browser.PostAsync(new Uri($"http://127.0.0.1:{Cluster.Instances[2].Port}/entrar"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["t"] = Uri.UnescapeDataString(t),
        }));
        Assert.NotEqual(HttpStatusCode.Redirect, again.StatusCode);
    }

    [SkippableFact]
    public async Task KillNine_OneInstanceAtATimeUnderMixedLoad_NothingLostNothingDuplicated()
    {
        Skip.If(ClusterFixture.Unavailable is not null, ClusterFixture.Unavailable);
        // At least 10 (SOSEPBOT_TEST_KILLS may ask for more, or fewer when trying the test out).
        var kills = int.TryParse(Environment.GetEnvironmentVariable("SOSEPBOT_TEST_KILLS"), CultureInfo.InvariantCulture, out var asked) ? asked : 10;
        using var stop = new CancellationTokenSource();
        using var api = Api(Cluster.ProxyUrl);
        using var teams = new HttpClient { BaseAddress = new Uri(Cluster.ProxyUrl) };

        // Teams traffic is authenticated: an activity without the channel's token is refused through the proxy.
        using (var unsigned = await teams.PostAsync("/api/messages", new StringContent(Message(fixture.TeamsUsers[0], "sin-token", "hola").ToJsonString(), Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        }
        var opened = new ConcurrentDictionary<string, string>(); // title → number, for every 201
        var unanswered = new ConcurrentBag<string>(); // titles whose POST failed (the instance died): opened at most once
        var mails = new ConcurrentBag<(string From, string Subject)>();
        var activities = new ConcurrentBag<string>();
        var presses = new ConcurrentDictionary<string, (string Id, string Answer)>(); // title → the button's activity id and HTTP answer
        var clock = Stopwatch.StartNew();

        var load = new List<Task>
        {
            Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var title = $"Carga API {i} {Guid.NewGuid():N}";
                    try
                    {
                        using var created = await api.PostAsJsonAsync("/api/requests", new { procedure = "DS-UI-04", title });
                        if (created.StatusCode == HttpStatusCode.Created)
                        {
                            opened[title] = NumberOf(await created.Content.ReadAsStringAsync());
                        }
                        else
                        {
                            unanswered.Add(title);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        unanswered.Add(title);
                    }

                    await Task.Delay(200);
                }
            }),
            Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var mail = (ClusterFixture.NewAddress("carga"), $"Carga correo {i} {Guid.NewGuid():N}");
                    await fixture.SendMailAsync(mail.Item1, mail.Item2);
                    mails.Add(mail);
                    await Task.Delay(1000);
                }
            }),
            Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var user = fixture.TeamsUsers[i % fixture.TeamsUsers.Count];
                    var id = $"carga-{i}-{Guid.NewGuid():N}";
                    activities.Add(id);
                    await PostActivityAsync(teams, Message(user, id, $"mi impresora {i} no imprime"));
                    await Task.Delay(500);
                }
            }),
            Task.Run(async () =>
            {
                // A form's «Enviar» pressed (an invoke, answered with the new request's card), in the same conversations.
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var user = fixture.TeamsUsers[(i + 1) % fixture.TeamsUsers.Count];
                    var id = $"boton-{i}-{Guid.NewGuid():N}";
                    var title = $"Carga botón {i} {Guid.NewGuid():N}";
                    presses[title] = (id, await PostActivityAsync(teams, Press(user, id, title)));
                    await Task.Delay(700);
                }
            }),
        };

        var downtime = new List<double>();
        for (var k = 0; k < kills; k++)
        {
            await Task.Delay(1500);
            var victim = Cluster.Instances[k % ClusterFixture.Count];
            victim.Kill();
            var restart = Stopwatch.StartNew();
            await Task.Delay(500);
            await victim.RestartAsync();
            downtime.Add(restart.Elapsed.TotalSeconds);
        }

        await Task.Delay(1500);
        stop.Cancel();
        await Task.WhenAll(load);

        var loadTime = clock.Elapsed;

        // Everything the clients were told was taken is there once; what died with an instance is there at most once.
        var all = await Cluster.DbAsync(db => db.Requests.AsNoTracking().Select(r => new { r.Number, r.Title }).ToListAsync());
        var byTitle = all.GroupBy(r => r.Title).ToDictionary(g => g.Key, g => g.Select(r => r.Number).ToList());
        Assert.All(opened, o => Assert.Equal([o.Value], byTitle.GetValueOrDefault(o.Key) ?? []));
        Assert.All(unanswered, title => Assert.True((byTitle.GetValueOrDefault(title)?.Count ?? 0) <= 1, title));
        await AssertGaplessAsync();

        // Each mail: one request and one reply. Each Teams activity: acted on once and answered once.
        var repeatedReplies = await AssertMailsAnsweredOnceAsync([.. mails], TimeSpan.FromSeconds(90));
        // A reply lost with its instance is escrowed for a minute (Teams:ReplyEscrowDelay); the instance that then claims it
        // may be killed too, and the message comes back when its 15-second outbox lease ends; an activity a killed
        // instance had stored waits for the 15-second conversation lease. CI once saw the last reply come after 80 s.
        await AssertActivitiesAnsweredOnceAsync([.. activities], TimeSpan.FromSeconds(60 + 15 + 15 + 30));

        // Each button: its request opened once, and its card (with the number) seen by the person: in the HTTP answer, or,
        // when the wait outlasted a turn's timeout or the instance that received it died, posted once as a message.
        var pressed = await Cluster.DbAsync(db => db.Requests.AsNoTracking().Where(r => r.Title.StartsWith("Carga botón")).Select(r => new { r.Number, r.Title }).ToListAsync());
        Assert.All(presses, p =>
        {
            var number = Assert.Single(pressed, r => r.Title == p.Key).Number;
            var posted = fixture.Connector.Posted.Where(c => c.Path.EndsWith("/activities/" + p.Value.Id, StringComparison.Ordinal)).ToList();
            Assert.True(posted.Count <= 1, $"{p.Key}: its card posted {posted.Count} times");
            Assert.True(p.Value.Answer.Contains(number, StringComparison.Ordinal) || posted.Any(c => c.CardJson.Contains(number, StringComparison.Ordinal)),
                $"{p.Key} ({number}): answered «{p.Value.Answer}», posted {posted.Count}");
        });
        Assert.All(Cluster.Instances, i => Assert.False(i.HasExited, Cluster.Output));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kills} kills over {loadTime.TotalSeconds:F0} s (restart to healthy {downtime.Average():F1} s on average, {downtime.Max():F1} s at most); " +
            $"API: {opened.Count} opened, {unanswered.Count} unanswered ({unanswered.Count(t => byTitle.ContainsKey(t))} of them opened); " +
            $"{mails.Count} mails ({repeatedReplies} reply sent again after its sender died mid-send); {activities.Count} Teams messages and {presses.Count} card buttons; all settled at {clock.Elapsed.TotalSeconds:F0} s"));
    }

    /// <summary>Every request number of the database, in order, is 1, 2, 3… of its year.</summary>
    private async Task AssertGaplessAsync()
    {
        var numbers = await Cluster.DbAsync(db => db.Requests.AsNoTracking().Select(r => r.Number).ToListAsync());
        var sequence = numbers.Select(n => int.Parse(n[(n.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, sequence.Count), sequence);
    }

    /// <summary>Asserts each mail made one request and got one reply; returns how many replies came twice, and why they may.</summary>
    private async Task<int> AssertMailsAnsweredOnceAsync(IReadOnlyList<(string From, string Subject)> mails, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        var subjects = mails.Select(m => m.Subject).ToList();
        List<string> opened = [];
        while (DateTime.UtcNow < until)
        {
            opened = await Cluster.DbAsync(db => db.Requests.AsNoTracking().Where(r => subjects.Contains(r.Title)).Select(r => r.Title).ToListAsync());
            if (opened.Distinct().Count() == subjects.Count)
            {
                break;
            }

            await Task.Delay(500);
        }

        Assert.True(opened.Distinct().Count() == subjects.Count, $"{opened.Distinct().Count()} of {subjects.Count} mails made a request\n{Cluster.Output}");
        foreach (var (from, _) in mails)
        {
            while (await ClusterFixture.InboxCountAsync(from) == 0 && DateTime.UtcNow < until)
            {
                await Task.Delay(300);
            }
        }

        await Task.Delay(2000); // a second reply, if any, has had time to arrive
        Assert.Equal(subjects.Count, opened.Count);
        var addresses = mails.Select(m => m.From).ToList();
        var replies = await Cluster.DbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Channel == OutboxChannel.Mail && addresses.Contains(m.Recipient))
            .Select(m => new { m.Recipient, m.Status, m.Attempts }).ToListAsync());
        var repeated = 0;
        foreach (var (from, subject) in mails)
        {
            // One reply queued and delivered. It reaches the person once; twice only when an instance was killed between
            // the SMTP server's acceptance and the record of it (SMTP cannot be asked afterwards): the next claim counted that
            // try as an attempt (OutboxDispatcher), and the copy carries the same Message-ID.
            var reply = Assert.Single(replies, r => r.Recipient == from);
            Assert.Equal(OutboxStatus.Delivered, reply.Status);
            var received = await ClusterFixture.InboxMessageIdsAsync(from);
            Assert.True(received.Count == 1 || (received.Count == 2 && reply.Attempts >= 2 && received[0] == received[1]),
                $"{from} ({subject}): {received.Count} replies ({string.Join(", ", received)}), {reply.Attempts} attempt(s) recorded");
            repeated += received.Count - 1;
        }

        return repeated;
    }

    private async Task AssertActivitiesAnsweredOnceAsync(IReadOnlyList<string> ids, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        int Answers(string id) => fixture.Connector.Posted.Count(c => c.Path.EndsWith("/activities/" + id, StringComparison.Ordinal));
        while (ids.Any(id => Answers(id) == 0) && DateTime.UtcNow < until)
        {
            await Task.Delay(300);
        }

        await Task.Delay(2000);
        var rows = await Cluster.DbAsync(db => db.TeamsInboundActivities.AsNoTracking().Where(a => ids.Contains(a.ActivityId))
            .Select(a => new { a.Id, a.ActivityId, a.ProcessedAt, a.Attempts, a.LastError }).ToListAsync());
        Assert.Equal(ids.Count, rows.Count);
        Assert.All(rows, r => Assert.NotNull(r.ProcessedAt));
        var unanswered = rows.Where(r => Answers(r.ActivityId) != 1).ToList();
        if (unanswered.Count > 0)
        {
            // What became of them: their rows, and any escrowed or handed-over copy of their replies in the outbox.
            var outbox = await Cluster.DbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.DedupKey.StartsWith("teams-reply:"))
                .Select(m => new { m.DedupKey, m.Status, m.Attempts }).ToListAsync());
            Assert.Fail(string.Join("\n", unanswered.Select(r => $"{r.ActivityId}: {Answers(r.ActivityId)} answers; processed {r.ProcessedAt:O}, attempts {r.Attempts}, error {r.LastError}; outbox: "
                + string.Join(", ", outbox.Where(m => m.DedupKey.StartsWith($"teams-reply:{r.Id}:", StringComparison.Ordinal)).Select(m => $"{m.DedupKey} {m.Status} ({m.Attempts})"))))
                + $"\nconnector calls: {fixture.Connector.Calls.Count}\n{Cluster.Output[^Math.Min(Cluster.Output.Length, 20000)..]}");
        }

        // Each instance called the connector with its own token, from the issuer's Entra ID stand-in (as in production).
        Assert.All(fixture.Connector.Calls, c => Assert.StartsWith("Bearer " + FakeBotFrameworkIdentity.OutboundToken(0)[..^1], c.Authorization, StringComparison.Ordinal));
        Assert.InRange(fixture.Identity.TokensIssued, 1, int.MaxValue);
    }

    /// <summary>Hangfire's jobs of a recurring job, by the occurrence (its "Time" parameter) that made them.</summary>
    private async Task<IReadOnlyList<(long Time, long Jobs)>> OccurrencesAsync(string recurringJob)
    {
        await using var connection = new NpgsqlConnection(Cluster.Instances[0].ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT t.value, count(*) FROM hangfire.jobparameter t
            JOIN hangfire.jobparameter r ON r.jobid = t.jobid AND r.name = 'RecurringJobId' AND r.value = @id
            WHERE t.name = 'Time' GROUP BY t.value ORDER BY t.value
            """, connection);
        command.Parameters.AddWithValue("id", $"\"{recurringJob}\"");
        var found = new List<(long, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found.Add((long.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetInt64(1)));
        }

        return found;
    }

    /// <summary>Posts an activity as Teams does: again, with the same id, until an instance takes it; its HTTP answer's body.</summary>
    private async Task<string> PostActivityAsync(HttpClient teams, JsonObject activity)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
                {
                    Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
                    Headers = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fixture.Token()) },
                };
                using var response = await teams.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadAsStringAsync();
                }

                Assert.True(attempt < 40 && (int)response.StatusCode >= 500, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            catch (HttpRequestException) when (attempt < 40)
            {
                // the instance died while holding the request: Teams sends it again
            }

            await Task.Delay(250);
        }
    }

    /// <summary>A DS-UI-04 form's «Enviar» (Action.Execute): a write invoke, its card the new request's.</summary>
    private JsonObject Press(string aadObjectId, string id, string title)
    {
        var press = Message(aadObjectId, id, string.Empty);
        press.Remove("text");
        press["type"] = "invoke";
        press["name"] = "adaptiveCard/action";
        var data = new JsonObject { ["verb"] = "enviarFormulario", ["procedure"] = "DS-UI-04", ["token"] = id, ["title"] = title, ["description"] = "Carga." };
        press["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "enviarFormulario", ["data"] = data } };
        return press;
    }

    private JsonObject Message(string aadObjectId, string id, string text) => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["serviceUrl"] = fixture.Connector.ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:" + aadObjectId, ["name"] = "Usuario", ["aadObjectId"] = aadObjectId },
        ["conversation"] = new JsonObject { ["id"] = "a:conv-" + aadObjectId, ["conversationType"] = "personal", ["tenantId"] = "sosep-tenant" },
        ["recipient"] = new JsonObject { ["id"] = "28:" + ClusterFixture.AppId, ["name"] = "SosepBot" },
        ["locale"] = "es-GT",
        ["text"] = text,
    };

    private HttpClient Api(string baseUrl)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Add("X-Api-Key", fixture.ApiKey);
        return client;
    }

    private static string NumberOf(string created) => JsonNode.Parse(created)!["summary"]!["number"]!.GetValue<string>();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
