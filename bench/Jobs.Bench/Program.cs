// Benchmarks of the jobs' and the lists' queries on either engine, each against hand-written SQL or against itself at
// a smaller size, measured in the same run. Run by hand (PostgreSQL: SOSEPBOT_BENCH_POSTGRES, see bench/Shared):
//   dotnet run -c Release --project bench/Jobs.Bench -- [Sqlite|PostgreSql] [digest|growth [requests a day, default 40 | dense]|catchup [N]]
// digest: the IT director's figures (console dashboard), the digest and one escalation scan over 100,000 requests and
//         10,000 visits, against their SQL.
// growth: the request list (API), a status turn's query, a request's page, «Pendientes» and the digest at 10,000 and at
//         1,000,000 requests (about 600 open at both sizes: what grows is the closed history, older and older at 40 a
//         day, or every week denser with «dense»), with the query plans.
// catchup: the first escalation scan after downtime, with about N (default 1,000) requests overdue at once, each past
//          all three thresholds: the time to record every notice, the transactions it took, and a second scan.
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SosepBot.Bench;
using SosepBot.Core;
using SosepBot.Core.Dashboard;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Persistence;
using SosepBot.Core.Requests;
using SosepBot.Jobs.Bench;
using SosepBot.Jobs.Digest;
using SosepBot.Jobs.Escalations;
using SosepBot.Jobs.Hosting;
using SosepBot.Persistence;
using SosepBot.TestKit;

const int Runs = 5;
var engine = BenchDatabase.ParseProvider(args.Length > 0 ? args[0] : null);
var mode = args.Length > 1 ? args[1] : "digest";
var growth = mode == "growth";
var catchup = mode == "catchup";
var backlog = catchup && args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
await using var database = await BenchDatabase.CreateAsync(engine, "jobs");
var now = new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero); // Monday 09:00 in Guatemala
var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings.Concat(new Dictionary<string, string?>
{
    ["Attachments:Directory"] = Path.Combine(database.Directory, "attachments"),
    ["Jobs:Enabled"] = "false",
    ["Jobs:Delivery:Enabled"] = "false",
})).Build();
var services = new ServiceCollection();
services.AddSingleton<IConfiguration>(configuration);
services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
services.AddSingleton<TimeProvider>(new FixedTime(now));
services.AddSosepCore();
services.AddSosepPersistence();
services.AddSosepJobs(configuration);
services.AddSingleton<IRecipientReach>(new EveryoneByMail());
await using var provider = services.BuildServiceProvider();
await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
Console.WriteLine($"engine: {engine}; mode: {mode}; machine load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

var from = now.AddDays(-1);
async Task<DigestReport> DigestAsync()
{
    await using var scope = provider.CreateAsyncScope();
    return await scope.ServiceProvider.GetRequiredService<DigestBuilder>().BuildAsync("diario", from, now, CancellationToken.None);
}

async Task<DirectorFigures> FiguresAsync()
{
    await using var scope = provider.CreateAsyncScope();
    return await scope.ServiceProvider.GetRequiredService<DirectorDashboard>().ComputeAsync(CancellationToken.None);
}

await using var connection = database.Connect();
await connection.OpenAsync();
// growth: requests opened at SOSEP's order of magnitude (40 a day by default; «dense» packs every size into two years).
double? perDay = !growth ? null : args.Length > 2 && args[2] == "dense" ? null : args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 40;
if (growth)
{
    Console.WriteLine(perDay is { } rate ? $"history: {rate} requests a day, growing backwards in time" : "history: every size packed into the two years before now");
}

var seeder = new Seeder(database, now, growth ? 3000 : 270, provider.GetRequiredService<ProcedureCatalog>(), growth ? 600 : catchup ? backlog : null, perDay: perDay);

static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture).PadLeft(8);

async Task<int> ScanAsync()
{
    await using var scope = provider.CreateAsyncScope();
    return await scope.ServiceProvider.GetRequiredService<EscalationJob>().ScanAsync(CancellationToken.None);
}

if (catchup)
{
    var seed = Stopwatch.StartNew();
    var stats = await seeder.SeedAsync(backlog * 3, 0);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"seeded {backlog * 3:N0} requests ({stats.Open:N0} open, {stats.Overdue:N0} overdue) in {seed.Elapsed.TotalSeconds:F1} s"));
    using var commits = new CommitCounter(database.ConnectionString);
    var first = Stopwatch.StartNew();
    var recorded = await ScanAsync();
    first.Stop();
    var transactions = commits.Count;
    var again = Stopwatch.StartNew();
    var recordedAgain = await ScanAsync();
    again.Stop();
    var notices = await Sql.ScalarAsync(connection, """SELECT COUNT(*) FROM "JobNotices" WHERE "Kind" = 'escalamiento'""");
    var distinct = await Sql.ScalarAsync(connection, """SELECT COUNT(DISTINCT "DedupKey") FROM "OutboxMessages" WHERE "Kind" = 'escalamiento'""");
    var messages = await Sql.ScalarAsync(connection, """SELECT COUNT(*) FROM "OutboxMessages" WHERE "Kind" = 'escalamiento'""");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"first scan after the backlog: {recorded:N0} notices ({messages:N0} messages) in {Ms(first.Elapsed)} ms, {transactions:N0} transactions committed, {first.Elapsed.TotalMilliseconds / Math.Max(1, recorded):F2} ms per notice"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"second scan: {recordedAgain} new in {Ms(again.Elapsed)} ms"));
    if (notices != recorded || messages != distinct || recordedAgain != 0)
    {
        Console.Error.WriteLine($"MISMATCH notices {notices} vs recorded {recorded}; messages {messages} vs distinct keys {distinct}; second scan {recordedAgain}");
        return 1;
    }

    return 0;
}

if (!growth)
{
    const int Requests = 100_000;
    const int Visits = 10_000;
    var seed = Stopwatch.StartNew();
    var stats = await seeder.SeedAsync(Requests - Visits, Visits);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"seeded {Requests:N0} requests incl. {Visits:N0} visits ({stats.Open:N0} open, {stats.Overdue:N0} overdue, {stats.LateVisits:N0} late visits) in {seed.Elapsed.TotalSeconds:F1} s"));
    var report = await DigestAsync();
    var floorCounts = await Floor.DigestAsync(database, connection, from, now, 10, 7);
    if (floorCounts != new FloorCounts(report.Opened, report.Closed, report.Open, report.Overdue, report.UpcomingVisitCount, report.LateVisits))
    {
        Console.Error.WriteLine($"MISMATCH digest {report.Opened}/{report.Closed}/{report.Open}/{report.Overdue}/{report.UpcomingVisitCount}/{report.LateVisits} vs floor {floorCounts}");
        return 1;
    }

    var figures = await FiguresAsync();
    var floorWeeks = await Floor.WeeklyAsync(database, connection, figures.Weeks.Select(w => w.Start).Append(figures.Weeks[^1].Start.AddDays(7)).ToArray());
    if (!floorWeeks.SequenceEqual(figures.Weeks.Select(w => (w.Opened, w.Closed))) || figures.WindowTotal.Closed == 0)
    {
        Console.Error.WriteLine($"MISMATCH weeks {string.Join(' ', figures.Weeks.Select(w => $"{w.Opened}/{w.Closed}"))} vs floor {string.Join(' ', floorWeeks)}");
        return 1;
    }

    var bounds = figures.Weeks.Select(w => w.Start).Append(figures.Weeks[^1].Start.AddDays(7)).ToArray();
    var floorFigures = await Floor.FiguresAsync(database, connection, from, now, now, bounds);
    if (!floorFigures.SequenceEqual(figures.Weeks.Select(w => (w.Opened, w.Closed))))
    {
        Console.Error.WriteLine($"MISMATCH figures' weeks {string.Join(' ', figures.Weeks.Select(w => $"{w.Opened}/{w.Closed}"))} vs floor {string.Join(' ', floorFigures)}");
        return 1;
    }

    var figuresTime = await Measure.MedianAsync(Runs, async () => await FiguresAsync());
    var digest = await Measure.MedianAsync(Runs, async () => await DigestAsync());
    var digestFloor = await Measure.MedianAsync(Runs, async () => await Floor.DigestAsync(database, connection, from, now, 10, 7));
    var figuresFloor = await Measure.MedianAsync(Runs, async () => await Floor.FiguresAsync(database, connection, from, now, now, bounds));
    var wholeFloor = await Measure.MedianAsync(Runs, async () =>
    {
        await Floor.DigestAsync(database, connection, from, now, 10, 7);
        await Floor.FiguresAsync(database, connection, from, now, now, bounds);
    });
    var escalationFloor = await Measure.MedianAsync(Runs, async () => await Floor.EscalationCandidatesAsync(database, connection, now));

    var first = Stopwatch.StartNew();
    var recorded = await ScanAsync();
    first.Stop();
    var steady = await Measure.MedianAsync(Runs, async () => await ScanAsync());
    var again = await ScanAsync();

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"director's figures (DirectorDashboard, {figures.WindowTotal.Closed:N0} closed in 12 weeks) median {Ms(figuresTime)} ms"));
    Console.WriteLine($"digest (DigestBuilder, EF Core, figures included) median {Ms(digest)} ms");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"director's figures floor (hand-written SQL) median {Ms(figuresFloor)} ms   ratio {figuresTime / figuresFloor:F2}x"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"digest floor without the figures (hand-written SQL) median {Ms(digestFloor)} ms"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"digest floor (hand-written SQL, figures included) median {Ms(wholeFloor)} ms   ratio {digest / wholeFloor:F2}x"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"escalation scan, first (records {recorded:N0} notices) {Ms(first.Elapsed)} ms"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"escalation scan, steady (nothing new) median {Ms(steady)} ms   ratio {steady / escalationFloor:F2}x (sent again: {again})"));
    Console.WriteLine($"escalation floor (candidate SELECT)   median {Ms(escalationFloor)} ms");
    Console.WriteLine($"target: digest < 1000 ms and <= 1.5x its SQL: {(digest.TotalMilliseconds < 1000 && digest / wholeFloor <= 1.5 ? "met" : "NOT met")}");
    if (Environment.GetEnvironmentVariable("SOSEPBOT_BENCH_PLANS") == "1")
    {
        Console.WriteLine("-- plans of the director's figures:");
        foreach (var line in await QueryPlans.OfAsync(database, async () => await FiguresAsync()))
        {
            Console.WriteLine("   " + line);
        }
    }

    return 0;
}

// growth: the same questions at 10,000 and at 1,000,000 requests (3,000 requesters, 20 technicians).
var sizes = new[] { 10_000, 1_000_000 };
var results = new List<Dictionary<string, TimeSpan>>();
Actor director, technician, requester;
string requesterEmail = Seeder.RequesterEmail(7), someNumber;
var seeded = 0;
foreach (var size in sizes)
{
    var seed = Stopwatch.StartNew();
    var visits = seeded == 0 ? 1000 : 0;
    var stats = await seeder.SeedAsync(size - seeded - visits, visits);
    seeded = size;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded to {size:N0} requests ({stats.Open:N0} open, {stats.Overdue:N0} overdue) in {seed.Elapsed.TotalSeconds:F1} s"));
    await using (var scope = provider.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
        async Task<Actor> ActorAsync(string email) => PeopleService.ActorOf(await db.People.Include(p => p.Roles).AsNoTracking().SingleAsync(p => p.Email == email), Channel.Teams)!;
        director = await ActorAsync("persona23@sosep.gob.gt");
        technician = await ActorAsync("persona3@sosep.gob.gt");
        requester = await ActorAsync(requesterEmail);
        someNumber = await db.Requests.Where(r => r.RequesterId == requester.PersonId).OrderBy(r => r.Id).Select(r => r.Number).FirstAsync();
    }

    async Task<T> WithRequests<T>(Func<RequestQueries, Task<T>> work)
    {
        await using var scope = provider.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<RequestQueries>());
    }

    var questions = new (string Name, Func<Task> Work)[]
    {
        ("request list (API, director, 50 newest)", () => WithRequests(s => s.ListAsync(director, new RequestFilter(), CancellationToken.None))),
        ("status turn query (requester's open, 15)", () => WithRequests(s => s.ListAsync(requester, new RequestFilter { RequesterEmail = requesterEmail, OpenOnly = true, Take = 15 }, CancellationToken.None))),
        ("a request's page (GetAsync)", () => WithRequests(s => s.GetAsync(requester, someNumber, CancellationToken.None))),
        ("Pendientes of a technician (15)", () => WithRequests(s => s.WaitingOnAsync(technician, 15, CancellationToken.None))),
        ("director's figures (dashboard)", async () => await FiguresAsync()),
        ("digest", async () => await DigestAsync()),
    };
    var times = new Dictionary<string, TimeSpan>();
    foreach (var (name, work) in questions)
    {
        times[name] = await Measure.MedianAsync(Runs, work);
    }

    results.Add(times);
    foreach (var (name, work) in questions.Take(4))
    {
        Console.WriteLine($"-- plan of «{name}» at {size:N0}:");
        foreach (var line in await QueryPlans.OfAsync(database, work))
        {
            Console.WriteLine("   " + line);
        }
    }
}

Console.WriteLine();
Console.WriteLine($"{"question",-44} {"10,000",10} {"1,000,000",10}  ratio");
foreach (var name in results[0].Keys)
{
    var (small, large) = (results[0][name], results[1][name]);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-44} {Ms(small)} ms {Ms(large)} ms  {large / small:F2}x"));
}

var listOk = results[1]["request list (API, director, 50 newest)"] / results[0]["request list (API, director, 50 newest)"] <= 1.5;
var statusOk = results[1]["status turn query (requester's open, 15)"] / results[0]["status turn query (requester's open, 15)"] <= 1.5;
var digestOk = results[1]["digest"].TotalSeconds < 2;
Console.WriteLine($"targets: list within 1.5x {(listOk ? "met" : "NOT met")}; status within 1.5x {(statusOk ? "met" : "NOT met")}; digest < 2 s {(digestOk ? "met" : "NOT met")}");
return 0;
