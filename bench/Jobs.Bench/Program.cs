// Benchmark of the IT director's figures (console dashboard), of the digest and of one escalation scan over 100,000 requests and 10,000 visits on
// SQLite, each against a hand-written SQL floor measured in the same run. Run by hand:
//   dotnet run -c Release --project bench/Jobs.Bench
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SosepBot.Core;
using SosepBot.Core.Dashboard;
using SosepBot.Core.Notifications;
using SosepBot.Jobs.Bench;
using SosepBot.Jobs.Digest;
using SosepBot.Jobs.Escalations;
using SosepBot.Jobs.Hosting;
using SosepBot.Persistence;

const int Requests = 100_000;
const int Visits = 10_000;
const int Runs = 5;

var directory = Path.Combine(Path.GetTempPath(), "sosepbot-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(directory);
var connectionString = $"Data Source={Path.Combine(directory, "bench.db")}";
var now = new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero); // Monday 09:00 in Guatemala
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = "Sqlite",
    ["Database:ConnectionString"] = connectionString,
    ["Attachments:Directory"] = Path.Combine(directory, "attachments"),
    ["Jobs:Enabled"] = "false",
    ["Jobs:Delivery:Enabled"] = "false",
}).Build();
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

var seed = Stopwatch.StartNew();
var stats = await Seeder.SeedAsync(connectionString, now, Requests, Visits);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"seeded {Requests:N0} requests + {Visits:N0} visits ({stats.Open:N0} open, {stats.Overdue:N0} overdue, {stats.LateVisits:N0} late visits) in {seed.Elapsed.TotalSeconds:F1} s"));

var from = now.AddDays(-1);
async Task<DigestReport> DigestAsync()
{
    await using var scope = provider.CreateAsyncScope();
    return await scope.ServiceProvider.GetRequiredService<DigestBuilder>().BuildAsync("diario", from, now, CancellationToken.None);
}

await using var connection = new SqliteConnection(connectionString);
await connection.OpenAsync();
var report = await DigestAsync();
var floorCounts = await Floor.DigestAsync(connection, from, now, 10, 7);
if (floorCounts.Opened != report.Opened || floorCounts.Closed != report.Closed || floorCounts.Open != report.Open || floorCounts.Overdue != report.Overdue
    || floorCounts.Upcoming != report.UpcomingVisitCount || floorCounts.Late != report.LateVisits)
{
    Console.Error.WriteLine($"MISMATCH digest {report.Opened}/{report.Closed}/{report.Open}/{report.Overdue}/{report.UpcomingVisitCount}/{report.LateVisits} vs floor {floorCounts}");
    return 1;
}

async Task<DirectorFigures> FiguresAsync()
{
    await using var scope = provider.CreateAsyncScope();
    return await scope.ServiceProvider.GetRequiredService<DirectorDashboard>().ComputeAsync(CancellationToken.None);
}

var figures = await FiguresAsync();
var floorWeeks = await Floor.WeeklyAsync(connection, figures.Weeks.Select(w => w.Start).Append(figures.Weeks[^1].Start.AddDays(7)).ToArray());
if (!floorWeeks.SequenceEqual(figures.Weeks.Select(w => (w.Opened, w.Closed))) || figures.WindowTotal.Closed == 0)
{
    Console.Error.WriteLine($"MISMATCH weeks {string.Join(' ', figures.Weeks.Select(w => $"{w.Opened}/{w.Closed}"))} vs floor {string.Join(' ', floorWeeks)}");
    return 1;
}

var director = await Measure.MedianAsync(Runs, async () => await FiguresAsync());
var digest = await Measure.MedianAsync(Runs, async () => await DigestAsync());
var digestFloor = await Measure.MedianAsync(Runs, async () => await Floor.DigestAsync(connection, from, now, 10, 7));
var escalationFloor = await Measure.MedianAsync(Runs, async () => await Floor.EscalationCandidatesAsync(connection, now));

async Task<int> ScanAsync()
{
    await using var scope = provider.CreateAsyncScope();
    return await scope.ServiceProvider.GetRequiredService<EscalationJob>().ScanAsync(CancellationToken.None);
}

var first = Stopwatch.StartNew();
var recorded = await ScanAsync();
first.Stop();
var steady = await Measure.MedianAsync(Runs, async () => await ScanAsync());
var again = await ScanAsync();

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"director's figures (DirectorDashboard, {figures.WindowTotal.Closed:N0} closed in 12 weeks) median {director.TotalMilliseconds,8:F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"digest (DigestBuilder, EF Core, figures included) median {digest.TotalMilliseconds,8:F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"digest floor (hand-written SQL)      median {digestFloor.TotalMilliseconds,8:F1} ms   ratio {digest / digestFloor:F2}x"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"escalation scan, first (records {recorded:N0} notices) {first.Elapsed.TotalMilliseconds,8:F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"escalation scan, steady (nothing new) median {steady.TotalMilliseconds,8:F1} ms   ratio {steady / escalationFloor:F2}x (sent again: {again})"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"escalation floor (candidate SELECT)   median {escalationFloor.TotalMilliseconds,8:F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target: digest < 1000 ms and < 3x floor: {(digest.TotalMilliseconds < 1000 && digest / digestFloor < 3 ? "met" : "NOT met")}"));

SqliteConnection.ClearAllPools();
Directory.Delete(directory, recursive: true);
return 0;
