// Mailbox benchmark: N messages in a Dovecot inbox → requests (the whole pipeline: IMAP fetch, parse, auto-mail
// filter, request + mail record + acknowledgement in one transaction, move after commit), against a bare MailKit fetch
// of the same messages in the same run, and against a hand-written floor (MailFloor: the least any pipeline that keeps
// the mail safe must do) over as many other messages. Start the servers first: scripts/mail-servers.sh start
//   dotnet run -c Release --project bench/Mailbox.Bench -- [messages=2000] [imapPort=42240] [smtpPort=42241] [Sqlite|PostgreSql] [instances=1]
// On PostgreSQL (SOSEPBOT_BENCH_POSTGRES, see bench/Shared) with instances > 1, that many services on one database
// watch the one mailbox at once, as several instances of the service would.
using System.Diagnostics;
using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using SosepBot.Core;
using SosepBot.Core.Persistence;
using SosepBot.Mailbox;
using SosepBot.Mailbox.Imap;
using SosepBot.Persistence;

var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var imapPort = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 42240;
var smtpPort = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 42241;
var engine = SosepBot.Bench.BenchDatabase.ParseProvider(args.Length > 3 ? args[3] : null);
var instances = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1;
const string Password = "secreto";
var helpdesk = $"bench-{Guid.NewGuid().ToString("N")[..8]}@sosep.test";
await using var database = await SosepBot.Bench.BenchDatabase.CreateAsync(engine, "mail");

// The pipeline, wired as the service wires it, on a fresh database.
var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings.Concat(new Dictionary<string, string?>
{
    ["Attachments:Directory"] = Path.Combine(database.Directory, "attachments"),
    ["Mailbox:Transport"] = "Imap",
    ["Mailbox:Watch"] = "false",
    ["Mailbox:Address"] = helpdesk,
    ["Mailbox:AllowedDomains:0"] = "sosep.test",
    ["Mailbox:BatchSize"] = Environment.GetEnvironmentVariable("SOSEPBOT_BENCH_BATCH") ?? "500",
    ["Mailbox:CommitSize"] = Environment.GetEnvironmentVariable("SOSEPBOT_BENCH_COMMIT") ?? "100",
    ["Mailbox:MaxAutoRepliesPerDay"] = "1000",
    ["Mailbox:Imap:Host"] = "127.0.0.1",
    ["Mailbox:Imap:Port"] = imapPort.ToString(CultureInfo.InvariantCulture),
    ["Mailbox:Imap:Security"] = "None",
    ["Mailbox:Imap:Password"] = Password,
    ["Mailbox:Smtp:Host"] = "127.0.0.1",
    ["Mailbox:Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
    ["Mailbox:Smtp:Security"] = "None",
})).Build();
using var warnings = new SosepBot.Mailbox.Bench.WarningCounter();
ServiceProvider Service() => new ServiceCollection()
    .AddSingleton<IConfiguration>(configuration)
    .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(warnings))
    .AddSosepCore()
    .AddSosepPersistence()
    .AddSosepMailbox(configuration)
    .BuildServiceProvider();
var all = Enumerable.Range(0, instances).Select(_ => Service()).ToList();
var services = all[0];
await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
Console.WriteLine(FormattableString.Invariant($"engine: {engine}; instances watching the mailbox: {instances}"));

// 1. Warm-up, as in a service that has been running: rounds of 200 other messages through the bare fetch, the pipeline
//    and the floor (the JIT, EF Core's compiled queries and property accessors, MailKit's parser) until the JIT has
//    settled: tier-1 recompilation starts after a delay and runs on a background thread, which on two cores would
//    otherwise take a third of the measured pipeline's CPU (seen with perf). Settled = at least 6 rounds, the last two
//    compiling fewer than 50 methods.
var commitSize = int.Parse(configuration["Mailbox:CommitSize"]!, CultureInfo.InvariantCulture);
var warmed = 0;
var warmRounds = 0;
var quietRounds = 0;
long lastCompiled = 0;
using (var client = await ConnectAsync())
{
    while (warmRounds < 40 && (warmRounds < 6 || quietRounds < 2))
    {
        var before = System.Runtime.JitInfo.GetCompiledMethodCount();
        await FillAsync(100_000 + warmRounds * 200, 200);
        await BareFetchAsync();
        warmed += (await PipelineAsync()).Processed;
        await FillAsync(300_000 + warmRounds * 200, 200);
        await SosepBot.Mailbox.Bench.MailFloor.RunAsync(client, database, 500, commitSize);
        lastCompiled = System.Runtime.JitInfo.GetCompiledMethodCount() - before;
        quietRounds = lastCompiled < 50 ? quietRounds + 1 : 0;
        warmRounds++;
    }

    Console.WriteLine(FormattableString.Invariant($"warm-up: {warmRounds} rounds of 200 messages, JIT {(quietRounds >= 2 ? "settled" : "not settled")} ({lastCompiled} methods compiled in the last round)"));

    // As autovacuum would have in a running service (5 ms a batch query at 7,600 mail records without it): ANALYZE.
    await database.AnalyzeAsync();

    // 2. The measured messages: the bare MailKit fetch of all of them (UIDs, then each message's bytes, one by one),
    //    then the pipeline over the same messages.
    await FillAsync(0, count);
}

var jitBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
string[] imapServer = ["dovecot", "imap", "imap-login"]; // an imap process ends with its connection: counted in the master then
var imapBefore = SosepBot.Bench.ServerCpu.Total(imapServer);
var (bare, bareCpu, bytes) = await BareFetchAsync();
await Task.Delay(200); // the ended connection's process reaped by Dovecot's master
var bareImap = SosepBot.Bench.ServerCpu.Total(imapServer) - imapBefore;
// On PostgreSQL, the statements the pipeline sends, counted from Npgsql's own activity source (one activity per command or batch).
var statements = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
using var listener = new System.Diagnostics.ActivityListener
{
    ShouldListenTo = source => source.Name == "Npgsql",
    Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
    ActivityStopped = a => statements.AddOrUpdate(Kind(a.GetTagItem("db.query.text") as string ?? a.GetTagItem("db.statement") as string ?? a.DisplayName), 1, (_, n) => n + 1),
};
var serverBefore = SosepBot.Bench.ServerCpu.Total();
imapBefore = SosepBot.Bench.ServerCpu.Total(imapServer);
var profiledFrom = Stopwatch.GetTimestamp(); // CLOCK_MONOTONIC on Linux: the clock of perf's sample times
var (pipeline, pipelineCpu, processed) = await Listening(listener, PipelineAsync);
if (Environment.GetEnvironmentVariable("SOSEPBOT_BENCH_WINDOW") == "1")
{
    // For perf: the measured pipeline's window, in perf script's time unit (seconds since boot).
    Console.WriteLine(FormattableString.Invariant($"pipeline window: {profiledFrom / (double)Stopwatch.Frequency:F6} {Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency:F6}"));
}

var pipelineServer = SosepBot.Bench.ServerCpu.Total() - serverBefore;
await Task.Delay(200);
var pipelineImap = SosepBot.Bench.ServerCpu.Total(imapServer) - imapBefore;
var jitPipeline = System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore;

// 3. The floor: the least any pipeline must do (MailFloor), timed over as many other messages.
(TimeSpan Elapsed, TimeSpan Cpu, int Stored) floor;
TimeSpan floorServer;
using (var client = await ConnectAsync())
{
    await FillAsync(200_000, count);
    serverBefore = SosepBot.Bench.ServerCpu.Total();
    floor = await SosepBot.Mailbox.Bench.MailFloor.RunAsync(client, database, 500, commitSize);
    floorServer = SosepBot.Bench.ServerCpu.Total() - serverBefore;
    await client.DisconnectAsync(true);
}

await using (var scope = services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
    var requests = await db.Requests.CountAsync() - warmed;
    var acks = await db.OutboxMessages.CountAsync() - warmed;
    var bareRate = count / bare.TotalSeconds;
    var pipeRate = count / pipeline.TotalSeconds;
    Console.WriteLine(FormattableString.Invariant($"messages: {count} ({bytes / 1024} KB); processed: {processed}; requests: {requests}; acknowledgements queued: {acks}"));
    Console.WriteLine(FormattableString.Invariant($"bare MailKit fetch: {bare.TotalSeconds:F2} s = {bareRate:F0} msg/s"));
    Console.WriteLine(FormattableString.Invariant($"pipeline (fetch → request): {pipeline.TotalSeconds:F2} s = {pipeRate:F0} msg/s"));
    Console.WriteLine(FormattableString.Invariant($"CPU time of this process: bare {bareCpu.TotalSeconds:F2} s, pipeline {pipelineCpu.TotalSeconds:F2} s (machine load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));
    if (engine == DatabaseProvider.Sqlite)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous;";
        Console.WriteLine(FormattableString.Invariant($"SQLite synchronous: {await pragma.ExecuteScalarAsync()} (2 = FULL)"));
    }

    Console.WriteLine(FormattableString.Invariant($"warnings logged by the pipeline: {warnings.Count}; methods compiled during the bare fetch and the pipeline: {jitPipeline}"));
    Console.WriteLine(FormattableString.Invariant($"pipeline / bare time ratio: {pipeline / bare:F1}x (target ≤ 5x; target ≥ 200 msg/s end to end)"));
    Console.WriteLine(FormattableString.Invariant($"floor (hand-written: fetch, parse, request + record + acknowledgement, commit, move): {floor.Elapsed.TotalSeconds:F2} s = {count / floor.Elapsed.TotalSeconds:F0} msg/s, CPU {floor.Cpu.TotalSeconds:F2} s; stored {floor.Stored}"));
    Console.WriteLine(FormattableString.Invariant($"floor / bare: {floor.Elapsed / bare:F2}x; pipeline / floor: {pipeline / floor.Elapsed:F2}x"));

    // Whatever the overlap, the pipeline cannot take less than all the CPU it needs (this process, the database server,
    // the IMAP server) spread over the machine's cores: the least time a pipeline doing this work could take here.
    var cores = Environment.ProcessorCount;
    var bound = (pipelineCpu + pipelineServer + pipelineImap) / cores;
    Console.WriteLine(FormattableString.Invariant($"CPU time of the IMAP server: bare {bareImap.TotalSeconds:F2} s, pipeline {pipelineImap.TotalSeconds:F2} s"));
    Console.WriteLine(FormattableString.Invariant($"CPU-bound least time of this pipeline on {cores} cores: (process {pipelineCpu.TotalSeconds:F2} + database server {pipelineServer.TotalSeconds:F2} + IMAP server {pipelineImap.TotalSeconds:F2}) / {cores} = {bound.TotalSeconds:F2} s = {bound / bare:F2}x the bare fetch; pipeline / that bound: {pipeline / bound:F2}x"));
    if (!statements.IsEmpty)
    {
        Console.WriteLine(FormattableString.Invariant($"CPU time of the PostgreSQL server: pipeline {pipelineServer.TotalSeconds:F2} s, floor {floorServer.TotalSeconds:F2} s"));
        Console.WriteLine(FormattableString.Invariant($"round trips to PostgreSQL during the pipeline: {statements.Values.Sum()} ({statements.Values.Sum() / (double)count:F2} a mail):"));
        foreach (var (kind, n) in statements.OrderByDescending(k => k.Value).Take(12))
        {
            Console.WriteLine(FormattableString.Invariant($"  {n,6} {kind}"));
        }
    }
    if (requests != count)
    {
        Console.WriteLine("ERROR: not every message became a request");
        return 1;
    }
}

// SOSEPBOT_BENCH_CORE=1: also time Core's request services alone (the floor under the pipeline).
if (Environment.GetEnvironmentVariable("SOSEPBOT_BENCH_CORE") == "1")
{
    var people = services.CreateScope().ServiceProvider.GetRequiredService<SosepBot.Core.People.PeopleService>();
    var person = await people.FindByEmailAsync("usuaria1@sosep.test", CancellationToken.None);
    var actor = SosepBot.Core.People.PeopleService.ActorOf(person, SosepBot.Core.Requests.Channel.Mail)!;
    var own = "";
    var core = Stopwatch.StartNew();
    for (var i = 0; i < 200; i++)
    {
        await using var scope = services.CreateAsyncScope();
        own = (await scope.ServiceProvider.GetRequiredService<SosepBot.Core.Requests.RequestOpening>().OpenAsync(actor,
            new SosepBot.Core.Requests.NewRequest { ProcedureCode = "DS-UI-04", Title = "x", Description = "y" }, CancellationToken.None)).Summary.Number;
    }

    Console.WriteLine(FormattableString.Invariant($"RequestOpening.OpenAsync alone: {200 / core.Elapsed.TotalSeconds:F0} /s"));
    var get = Stopwatch.StartNew();
    for (var i = 0; i < 200; i++)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SosepBot.Core.Requests.RequestQueries>().GetAsync(actor, own, CancellationToken.None);
    }

    Console.WriteLine(FormattableString.Invariant($"RequestQueries.GetAsync alone: {200 / get.Elapsed.TotalSeconds:F0} /s"));
    var limits = services.GetRequiredService<SosepBot.Core.Scheduling.TimeLimits>();
    var tl = Stopwatch.StartNew();
    for (var i = 0; i < 200; i++)
    {
        var r = new SosepBot.Core.Requests.Request { Number = "x", ProcedureCode = "DS-UI-04", State = "Abierto", Title = "t" };
        limits.OnEntered(r, null, DateTimeOffset.UtcNow);
    }

    Console.WriteLine(FormattableString.Invariant($"TimeLimits.OnEntered: {200 / tl.Elapsed.TotalSeconds:F0} /s"));
    var scopeTime = Stopwatch.StartNew();
    for (var i = 0; i < 200; i++)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
        await db.MailRecords.AnyAsync(r => r.ExternalId == "x");
    }

    Console.WriteLine(FormattableString.Invariant($"scope + one query: {200 / scopeTime.Elapsed.TotalSeconds:F0} /s"));
}

foreach (var instance in all)
{
    await instance.DisposeAsync();
}

return 0;

// Runs the pipeline with the listener registered (and only then).
static async Task<T> Listening<T>(System.Diagnostics.ActivityListener listener, Func<Task<T>> run)
{
    System.Diagnostics.ActivitySource.AddActivityListener(listener);
    try
    {
        return await run();
    }
    finally
    {
        listener.Dispose();
    }
}

// A statement's kind: its first 70 characters, numbers of parameters aside.
static string Kind(string? sql) => System.Text.RegularExpressions.Regex.Replace((sql ?? "?").ReplaceLineEndings(" "), @"\$\d+|@\w+", "?") is var k && k.Length > 70 ? k[..70] : k;

// Appends n messages (ids from `first`) in batches of 100: 200 senders, Spanish subjects, a few KB each.
async Task FillAsync(int first, int n)
{
    using var client = await ConnectAsync();
    var body = string.Concat(Enumerable.Repeat("La computadora de la oficina no enciende después del corte de energía. ", 25));
    for (var start = first; start < first + n; start += 100)
    {
        var batch = new List<IAppendRequest>();
        for (var i = start; i < Math.Min(first + n, start + 100); i++)
        {
            var m = new MimeMessage();
            m.From.Add(new MailboxAddress($"Usuaria {i % 200}", $"usuaria{i % 200}@sosep.test"));
            m.To.Add(MailboxAddress.Parse(helpdesk));
            m.Subject = $"Falla de equipo número {i + 1} en recepción";
            m.MessageId = $"bench-{i}@cliente.test";
            m.Body = new TextPart("plain") { Text = body };
            batch.Add(new AppendRequest(m));
        }

        await client.Inbox.AppendAsync(batch);
    }

    await client.DisconnectAsync(true);
}

async Task<(TimeSpan Elapsed, TimeSpan Cpu, long Bytes)> BareFetchAsync()
{
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    long total = 0;
    using (var client = await ConnectAsync())
    {
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        foreach (var uid in await client.Inbox.SearchAsync(SearchQuery.NotDeleted))
        {
            using var stream = await client.Inbox.GetStreamAsync(uid);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            total += buffer.Length;
        }

        await client.DisconnectAsync(true);
    }

    return (watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, total);
}

// Every instance syncs the mailbox at once; each returns what it processed.
async Task<(TimeSpan Elapsed, TimeSpan Cpu, int Processed)> PipelineAsync()
{
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var done = await Task.WhenAll(all.Select(async instance =>
    {
        var sync = instance.GetRequiredService<ImapMailboxSync>();
        using var client = await sync.ConnectAsync(CancellationToken.None);
        var processed = await sync.SyncAsync(client, CancellationToken.None);
        await client.DisconnectAsync(true);
        return processed;
    }));
    return (watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, done.Sum());
}

async Task<ImapClient> ConnectAsync()
{
    var client = new ImapClient();
    await client.ConnectAsync("127.0.0.1", imapPort, SecureSocketOptions.None);
    await client.AuthenticateAsync(helpdesk, Password);
    return client;
}
