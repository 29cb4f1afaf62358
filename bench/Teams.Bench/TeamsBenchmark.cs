using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SosepBot.Core.People;

namespace SosepBot.Bench;

/// <summary>
/// Time from POST /api/messages until the bot's reply reaches a fake Bot Connector, for "open a ticket" (a form
/// submitted with Action.Submit: a DS-UI-04 request is created) and "status of a request" (a request number typed)
/// turns, at 1, 16 and 64 concurrent conversations; and the floor: a bare ASP.NET Core endpoint that receives the
/// same activity and posts a fixed reply to the same fake connector. Run by hand:
/// <c>dotnet run -c Release --project bench/Teams.Bench [turnsPerRound] [open|status|press|all|domain|trace] [levels, e.g. 1,16,64] [rounds] [Sqlite|PostgreSql] [instances] [think ms]</c>
/// (the optional arguments narrow a run, e.g. to profile one turn kind at one level; "domain" runs only the domain-only
/// measure, [rounds] times, to profile it under perf; "trace" runs two turns of each kind, for BENCH_SQL). On PostgreSQL
/// (SOSEPBOT_BENCH_POSTGRES, see bench/Shared) several instances of the service may share the database: the turns are
/// then posted to them in turn, so a conversation's activities arrive at different instances. [think ms] is the pause of each
/// conversation between a reply and its next turn (0, the default, is a closed loop that saturates the machine: its
/// latency then measures the CPU per turn, see <c>CpuBoundMedian</c>). Each level is measured in
/// several rounds (5 by default), floor and bot alternating, and reported as the median over the rounds.
/// The bot runs in its local mode (no token check; the check costs a cached-key RS256 verification) and with the
/// per-conversation rate limiter off, so that what is measured is the bot, not Teams' quotas.
/// </summary>
internal static class TeamsBenchmark
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Waiting = new();
    private static readonly ConcurrentDictionary<string, string> Replies = new();

    public static async Task<int> Main(string[] args)
    {
        var turnsPerRound = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 320;
        var kinds = args.Length > 1 ? args[1] : "all";
        var levels = args.Length > 2 ? args[2].Split(',').Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray() : [1, 16, 64];
        var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
        var engine = BenchDatabase.ParseProvider(args.Length > 4 ? args[4] : null);
        var instances = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 1;
        var think = TimeSpan.FromMilliseconds(args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : 0);
        await using var database = await BenchDatabase.CreateAsync(engine, "teams");
        var directory = database.Directory;
        await using var connector = await StartConnectorAsync();
        var connectorUrl = Address(connector) + "/";
        var bots = new List<WebApplication>();
        for (var i = 0; i < instances; i++)
        {
            bots.Add(await StartBotAsync(database));
        }

        await using var bot = bots[0];
        await using var floor = await StartFloorAsync();
        await using var durable = await StartDurableFloorAsync(Path.Combine(directory, "durable-floor.db"));
        var botUrls = bots.Select(b => Address(b) + "/api/messages").ToList();
        var botUrl = botUrls[0];
        List<string> floorUrl = [Address(floor) + "/api/messages"];
        List<string> durableUrl = [Address(durable) + "/api/messages"];
        Console.WriteLine($"engine: {engine}; instances of the service: {instances}");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 });

        var people = await RegisterAsync(bot, 64);
        var numbers = new Dictionary<string, string>();
        foreach (var person in people)
        {
            numbers[person] = await OpenOneAsync(http, botUrl, connectorUrl, person);
        }

        if (kinds == "trace")
        {
            Console.WriteLine("---- open turns");
            await RunAsync(http, botUrls, people, 1, 2, (aad, i) => Submit(aad, connectorUrl, i));
            Console.WriteLine("---- status turns");
            await RunAsync(http, botUrls, people, 1, 2, (aad, i) => Message(aad, connectorUrl, numbers[aad], i));
            Console.WriteLine("---- end");
            return 0;
        }

        if (kinds == "domain")
        {
            for (var r = 0; r < rounds; r++)
            {
                var only = await DomainOnlyAsync(bot, people);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Domain only: {only.Median:F3} ms CPU per request (range {only.Min:F3}–{only.Max:F3}); {DateTime.UtcNow:u}"));
            }

            return 0;
        }

        // A service runs for days: measure it once the JIT has settled (tiered compilation keeps recompiling hot methods
        // for the first few thousand turns, on the same 2 cores), not its first seconds. Every turn kind, every endpoint.
        var warm = await WarmUpAsync(http, [botUrls, floorUrl, durableUrl], people, [(aad, i) => Submit(aad, connectorUrl, i), (aad, i) => Message(aad, connectorUrl, numbers[aad], i), (aad, i) => Press(aad, connectorUrl, numbers[aad], i)]);
        await database.AnalyzeAsync();
        Console.WriteLine($"Turns per round: {turnsPerRound}; rounds per level: {rounds}; each conversation's next turn {(think > TimeSpan.Zero ? $"{think.TotalMilliseconds:F0} ms after its reply" : "as soon as its reply arrives (closed loop)")} (floor and bot alternate; each column is the median over the rounds, the bot's median range in brackets); machine: {Environment.ProcessorCount} cores; warm-up: {warm}; {DateTime.UtcNow:u}");
        Console.WriteLine("| turn | conversations | median ms [range] | p99 ms | turns/s | floor median ms | floor p99 ms | floor turns/s | median ratio | p99 ratio | CPU ms/turn | DB server CPU ms/turn | CPU-bound median ms | floor CPU ms/turn | durable floor median ms | durable floor / floor | bot / durable floor |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        Measure? floorAt16 = null;
        foreach (var (kind, name, make) in new (string, string, Func<string, int, JsonObject>)[]
        {
            ("open", "abrir ticket", (aad, i) => Submit(aad, connectorUrl, i)),
            ("status", "estado de solicitud", (aad, i) => Message(aad, connectorUrl, numbers[aad], i)),
            ("press", "botón «Ver» de una tarjeta", (aad, i) => Press(aad, connectorUrl, numbers[aad], i)),
        })
        {
            if (kinds != "all" && kinds != kind)
            {
                continue;
            }

            foreach (var conversations in levels)
            {
                // The machine is shared and noisy: several rounds, floor and bot alternating so that both meet the same
                // neighbours, and the median of each figure over the rounds.
                var floorRounds = new List<Measure>();
                var durableRounds = new List<Measure>();
                var botRounds = new List<Measure>();
                for (var round = 0; round < rounds; round++)
                {
                    await RunAsync(http, floorUrl, people, conversations, Math.Max(conversations, turnsPerRound / 8), make); // warm-up
                    floorRounds.Add(await RunAsync(http, floorUrl, people, conversations, turnsPerRound, make, think));
                    await RunAsync(http, durableUrl, people, conversations, Math.Max(conversations, turnsPerRound / 8), make); // warm-up
                    durableRounds.Add(await RunAsync(http, durableUrl, people, conversations, turnsPerRound, make, think));
                    await RunAsync(http, botUrls, people, conversations, Math.Max(conversations, turnsPerRound / 8), make); // warm-up
                    botRounds.Add(await RunAsync(http, botUrls, people, conversations, turnsPerRound, make, think));
                }

                var f = Measure.MedianOf(floorRounds);
                if (kind == "open" && conversations == 16)
                {
                    floorAt16 = f;
                }

                var d = Measure.MedianOf(durableRounds);
                var b = Measure.MedianOf(botRounds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {conversations} | {b.Median:F2} [{botRounds.Min(r => r.Median):F2}–{botRounds.Max(r => r.Median):F2}] | {b.P99:F2} | {b.Throughput:F0} | {f.Median:F2} | {f.P99:F2} | {f.Throughput:F0} | {b.Median / f.Median:F2} | {b.P99 / f.P99:F2} | {b.CpuPerTurn:F2} | {b.ServerCpuPerTurn:F2} | {b.CpuBoundMedian(conversations):F1} | {f.CpuPerTurn:F2} | {d.Median:F2} | {d.Median / f.Median:F2} | {b.Median / d.Median:F2} |"));
            }
        }

        if (kinds is "all" or "open")
        {
            var domain = await DomainOnlyAsync(bot, people);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Domain only (RequestOpening.OpenAsync with its details, on EF Core, 32 per transaction, one thread): {domain.Median:F3} ms CPU per request (median of 5 rounds of 320; range {domain.Min:F3}–{domain.Max:F3})."));
            if (floorAt16 is { } reference)
            {
                // Little's law: in a closed loop the median is about conversations ÷ throughput, and throughput at most
                // cores ÷ CPU per turn.
                var budget = Environment.ProcessorCount * 3 * reference.Median / 16;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Budget for a median of 3× the floor at 16 conversations: {Environment.ProcessorCount} cores × 3 × {reference.Median:F2} ms ÷ 16 = {budget:F3} ms of CPU per turn, load generator and connector included; the floor itself uses {reference.CpuPerTurn:F3}, Core's ticket creation alone {domain.Median:F3} (sum {reference.CpuPerTurn + domain.Median:F3})."));
            }
        }

        foreach (var other in bots.Skip(1))
        {
            await other.DisposeAsync();
        }

        return 0;
    }

    /// <summary>
    /// The CPU of the domain's part of an "open a ticket" turn alone — Core's RequestOpening opening a DS-UI-04 request
    /// through EF Core, as the turn does — without HTTP, Teams or the turn's own bookkeeping: one thread, 32 requests per
    /// transaction (so that commits and syncs hardly count), median CPU per request over 5 rounds of 320. Compare it with
    /// the budget that "median under 3× the floor at 16 conversations" leaves a whole turn (see README).
    /// </summary>
    private static async Task<(double Median, double Min, double Max)> DomainOnlyAsync(WebApplication bot, List<string> people)
    {
        var perRequest = new List<double>();
        for (var round = 0; round < 6; round++)
        {
            var cpu = Environment.CpuUsage.TotalTime;
            for (var batch = 0; batch < 10; batch++)
            {
                await using var scope = bot.Services.CreateAsyncScope();
                var sp = scope.ServiceProvider;
                var db = sp.GetRequiredService<SosepBot.Core.Persistence.SosepDbContext>();
                var opening = sp.GetRequiredService<SosepBot.Core.Requests.RequestOpening>();
                var person = (await sp.GetRequiredService<PeopleService>().FindByAadObjectIdAsync(people[batch], default))!;
                var actor = PeopleService.ActorOf(person, SosepBot.Core.Requests.Channel.Teams)!;
                await db.Database.OpenConnectionAsync();
                // A server engine's context retries on transient failures: a transaction of our own runs inside its strategy.
                await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync();
                    for (var i = 0; i < 32; i++)
                    {
                        _ = (await opening.OpenAsync(actor, new SosepBot.Core.Requests.NewRequest { ProcedureCode = "DS-UI-04", Title = $"La impresora {i} no imprime", Description = "Prueba de rendimiento." }, default)).Details;
                        db.ChangeTracker.Clear();
                    }

                    await transaction.CommitAsync();
                });
            }

            if (round > 0)
            {
                perRequest.Add((Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / 320);
            }
        }

        perRequest.Sort();
        return (perRequest[2], perRequest[0], perRequest[^1]);
    }

    /// <summary>Runs rounds of every turn kind at 16 conversations until a round compiles fewer than 50 methods (at most 120 rounds: faster turns spread tier-1 recompilation over more rounds).</summary>
    private static async Task<string> WarmUpAsync(HttpClient http, IReadOnlyList<string>[] urls, List<string> people, Func<string, int, JsonObject>[] makes)
    {
        var turns = 0;
        var quiet = 0;
        var wall = Stopwatch.StartNew();
        for (var round = 1; round <= 120; round++)
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            foreach (var url in urls)
            {
                foreach (var make in makes)
                {
                    await RunAsync(http, url, people, 16, 160, make);
                    turns += 160;
                }
            }

            // Tier-1 recompilation starts after a delay and runs in the background: one quiet round early on proves
            // nothing. Settled = at least 8 rounds, the last two quiet.
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - before;
            quiet = compiled < 50 ? quiet + 1 : 0;
            if (round >= 8 && quiet >= 2)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{turns} turns in {wall.Elapsed.TotalSeconds:F0} s, JIT settled ({compiled} methods compiled in the last round)");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{turns} turns in {wall.Elapsed.TotalSeconds:F0} s, JIT not settled");
    }

    /// <summary>
    /// Median and p99 latency, throughput, the process's CPU time per turn (the bot's or the floor's, plus this
    /// client's and the fake connector's, which run in the same process: compare the two, not the absolute value), and
    /// the database server's CPU time per turn (PostgreSQL's processes on this machine; 0 with SQLite, which runs in
    /// the process).
    /// </summary>
    private sealed record Measure(double Median, double P99, double Throughput, double CpuPerTurn, double ServerCpuPerTurn)
    {
        public static Measure MedianOf(List<Measure> rounds) =>
            new(Mid(rounds.Select(r => r.Median)), Mid(rounds.Select(r => r.P99)), Mid(rounds.Select(r => r.Throughput)), Mid(rounds.Select(r => r.CpuPerTurn)),
                Mid(rounds.Select(r => r.ServerCpuPerTurn)));

        /// <summary>
        /// Little's law for a closed loop held by the CPU: each turn needs this process's CPU and the database server's,
        /// the machine has so many cores, so the median cannot fall below conversations × CPU per turn ÷ cores.
        /// </summary>
        public double CpuBoundMedian(int conversations) => conversations * (CpuPerTurn + ServerCpuPerTurn) / Environment.ProcessorCount;

        private static double Mid(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    private static async Task<Measure> RunAsync(
        HttpClient http, IReadOnlyList<string> urls, List<string> people, int conversations, int turns, Func<string, int, JsonObject> make, TimeSpan think = default)
    {
        var latencies = new ConcurrentBag<double>();
        var perConversation = turns / conversations;
        var counter = 0;
        var cpu = Environment.CpuUsage.TotalTime;
        var server = ServerCpu.Total();
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, conversations).Select(async c =>
        {
            for (var t = 0; t < perConversation; t++)
            {
                var n = Interlocked.Increment(ref counter);
                var activity = make(people[c], n);
                var url = urls[n % urls.Count];
                var id = activity["id"]!.GetValue<string>();
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Waiting[id] = done;
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(new Uri(url), new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
                response.EnsureSuccessStatusCode();
                if (activity["type"]!.GetValue<string>() == "invoke")
                {
                    // A card's button is answered in the HTTP response (the floors answer at once and post a reply).
                    await response.Content.ReadAsStringAsync();
                    Waiting.TryRemove(id, out _);
                }
                else
                {
                    await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (think > TimeSpan.Zero)
                {
                    // A person reads the reply before typing again.
                    await Task.Delay(think);
                }
            }
        }));
        wall.Stop();
        var cpuPerTurn = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / latencies.Count;
        var serverPerTurn = (ServerCpu.Total() - server).TotalMilliseconds / latencies.Count;
        var sorted = latencies.Order().ToArray();
        return new Measure(sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.99) - 1)], sorted.Length / wall.Elapsed.TotalSeconds, cpuPerTurn, serverPerTurn);
    }

    private static JsonObject Activity(string aad, string serviceUrl, string type, int n) => new()
    {
        ["type"] = type,
        ["id"] = $"bench-{n}-{Guid.NewGuid():N}",
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:" + aad, ["aadObjectId"] = aad, ["name"] = aad },
        ["conversation"] = new JsonObject { ["id"] = "a:" + aad, ["conversationType"] = "personal", ["tenantId"] = "bench" },
        ["recipient"] = new JsonObject { ["id"] = "28:bench-bot" },
        ["locale"] = "es-GT",
    };

    private static JsonObject Submit(string aad, string serviceUrl, int n)
    {
        var a = Activity(aad, serviceUrl, "message", n);
        a["value"] = new JsonObject { ["verb"] = "enviarFormulario", ["procedure"] = "DS-UI-04", ["token"] = $"bench-{n}", ["title"] = $"La impresora {n} no imprime", ["description"] = "Prueba de rendimiento." };
        return a;
    }

    private static JsonObject Message(string aad, string serviceUrl, string number, int n)
    {
        var a = Activity(aad, serviceUrl, "message", n);
        a["text"] = number;
        return a;
    }

    /// <summary>A press of a request card's «Ver» button (Action.Execute): an invoke, answered with the card in its HTTP response.</summary>
    private static JsonObject Press(string aad, string serviceUrl, string number, int n)
    {
        var a = Activity(aad, serviceUrl, "invoke", n);
        a["name"] = "adaptiveCard/action";
        a["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "ver", ["data"] = new JsonObject { ["verb"] = "ver", ["number"] = number } } };
        return a;
    }

    private static async Task<string> OpenOneAsync(HttpClient http, string botUrl, string connectorUrl, string aad)
    {
        var activity = Submit(aad, connectorUrl, 0);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Waiting[activity["id"]!.GetValue<string>()] = done;
        (await http.PostAsJsonAsync(new Uri(botUrl), activity)).EnsureSuccessStatusCode();
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var number = System.Text.RegularExpressions.Regex.Match(Replies[activity["id"]!.GetValue<string>()], @"UI-\d{4}-\d{5}");
        return number.Success ? number.Value : throw new InvalidOperationException("The bot did not open the ticket.");
    }

    private static async Task<List<string>> RegisterAsync(WebApplication bot, int count)
    {
        var list = new List<string>();
        await using var scope = bot.Services.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<PeopleService>();
        for (var i = 0; i < count; i++)
        {
            var aad = $"bench-aad-{i:000}";
            await people.UpsertAsync(new PersonInput { Email = $"persona{i}@sosep.gob.gt", DisplayName = $"Persona {i}", AadObjectId = aad }, default);
            list.Add(aad);
        }

        return list;
    }

    private static Task<WebApplication> StartBotAsync(BenchDatabase database) => BenchHost.StartAsync(database, new Dictionary<string, string?>
    {
        ["Teams:AllowUnauthenticatedLocal"] = "true",
        ["Teams:RateLimit:PerSecond"] = "0",
        ["Teams:RateLimit:Per30Seconds"] = "0",
        ["Teams:RateLimit:PerHour"] = "0",
        ["Teams:MaxConcurrentTurns"] = "8",
    }, console: false);

    /// <summary>
    /// The floor: receive the activity, read it, answer 200 and post a fixed reply to the connector — after
    /// <paramref name="store"/> (the activity's id and body) has completed, when given.
    /// </summary>
    private static async Task<WebApplication> StartFloorAsync(Func<string, string, Task>? store = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddHttpClient("connector");
        var app = builder.Build();
        app.MapPost("/api/messages", async (HttpContext context, IHttpClientFactory clients) =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            var activity = JsonNode.Parse(body)!;
            var id = activity["id"]!.GetValue<string>();
            if (store is not null)
            {
                await store(id, body);
            }

            var reply = new JsonObject { ["type"] = "message", ["text"] = "Respuesta fija", ["replyToId"] = id };
            var url = $"{activity["serviceUrl"]}v3/conversations/{Uri.EscapeDataString(activity["conversation"]!["id"]!.GetValue<string>())}/activities/{Uri.EscapeDataString(id)}";
            _ = Task.Run(async () => (await clients.CreateClient("connector").PostAsJsonAsync(new Uri(url), reply)).Dispose());
            return Results.Ok();
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>
    /// The durable floor: the least any bot must do to keep the issue's "a crash between accepting an activity and
    /// acting on it loses nothing" — store the activity durably before acknowledging it — and nothing else: the floor
    /// plus one row per activity in a SQLite file with the bot's settings (WAL, synchronous FULL), the rows of the
    /// activities that arrive together written in one transaction (group commit: one sync for all of them), raw
    /// Microsoft.Data.Sqlite with one prepared statement.
    /// </summary>
    private static async Task<WebApplication> StartDurableFloorAsync(string file)
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE activity (id INTEGER PRIMARY KEY, activity_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL);";
            setup.ExecuteNonQuery();
        }

        var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO activity (activity_id, body) VALUES ($id, $body)";
        var idParameter = insert.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
        var bodyParameter = insert.Parameters.Add("$body", Microsoft.Data.Sqlite.SqliteType.Text);
        var queue = System.Threading.Channels.Channel.CreateUnbounded<(string Id, string Body, TaskCompletionSource Stored)>(new() { SingleReader = true });
        var writer = Task.Run(async () =>
        {
            var batch = new List<(string Id, string Body, TaskCompletionSource Stored)>();
            while (await queue.Reader.WaitToReadAsync())
            {
                batch.Clear();
                while (queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                using (var transaction = connection.BeginTransaction())
                {
                    insert.Transaction = transaction;
                    foreach (var (id, body, _) in batch)
                    {
                        idParameter.Value = id;
                        bodyParameter.Value = body;
                        insert.ExecuteNonQuery();
                    }

                    transaction.Commit();
                }

                foreach (var item in batch)
                {
                    item.Stored.TrySetResult();
                }
            }
        });

        var app = await StartFloorAsync(async (id, body) =>
        {
            var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await queue.Writer.WriteAsync((id, body, stored));
            await stored.Task;
        });
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            queue.Writer.Complete();
            writer.Wait();
            insert.Dispose();
            connection.Dispose();
        });
        return app;
    }

    private static async Task<WebApplication> StartConnectorAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v3/conversations/{conversation}/activities/{replyTo}", async (string replyTo, HttpRequest request) =>
        {
            if (replyTo.StartsWith("bench-0-", StringComparison.Ordinal))
            {
                Replies[replyTo] = await new StreamReader(request.Body).ReadToEndAsync();
            }

            if (Waiting.TryRemove(replyTo, out var done))
            {
                done.TrySetResult();
            }

            return Results.Json(new { id = "r" });
        });
        await app.StartAsync();
        return app;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
}
