using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SosepBot.Bot.Auth;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.SignIn;

namespace SosepBot.Bench;

/// <summary>
/// The staff console's pages over 100,000 requests, each against the JSON API's same query in the same run (issue 14:
/// "every page rendered in &lt; 100 ms p95"). The real host runs in-process as src/Bot starts it (AddSosepHost/AddSosepWeb, UseSosepHost/MapSosepWeb; jobs off so
/// that no background work competes); the rows are seeded with SQL by bench/Shared's <see cref="Seeder"/> (titles,
/// descriptions and comments as people write them). Each person signs in as a browser does: a one-time link from Core's
/// <see cref="LoginLinkService"/>, its page read for the anti-forgery token, the form posted, the cookie kept; the API
/// calls carry an API key issued by <see cref="PeopleService"/>. Page and API calls alternate, one at a time, after a
/// warm-up. Run by hand:
/// <c>dotnet run -c Release --project bench/Web.Bench -- [Sqlite|PostgreSql] [runs, default 60] [requests, default 100000] [only the pages whose name contains this, e.g. Pendientes]</c>.
/// <c>BENCH_SQL=1</c> logs every statement EF Core runs; <c>BENCH_PLANS=1</c> prints, for each page that missed the
/// target (<c>all</c>: each page measured), the plan of every statement it ran (on PostgreSQL with EXPLAIN ANALYZE); <c>BENCH_PAGES=folder</c> keeps the
/// last body of each page there, to see what was measured.
/// </summary>
internal static partial class WebBenchmark
{
    private const double TargetMs = 100;

    private const string Director = "persona23@sosep.gob.gt";

    public static async Task<int> Main(string[] args)
    {
        var engine = BenchDatabase.ParseProvider(args.Length > 0 ? args[0] : null);
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
        var requests = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
        var only = args.Length > 3 ? args[3] : null;
        var visits = requests / 10;
        await using var database = await BenchDatabase.CreateAsync(engine, "web");
        await using var app = await BenchHost.StartAsync(database, new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "false",
            ["Jobs:Delivery:Enabled"] = "false",
        }, console: true);
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var seed = Stopwatch.StartNew();
        var seeder = new Seeder(database, DateTimeOffset.UtcNow, 270, app.Services.GetRequiredService<ProcedureCatalog>(), texts: true);
        var stats = await seeder.SeedAsync(requests - visits, visits);
        var comments = await CountAsync(database, "Comments");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine: {engine}; seeded {requests:N0} requests incl. {visits:N0} visits ({stats.Open:N0} open, {stats.Overdue:N0} overdue) and {comments:N0} comments in {seed.Elapsed.TotalSeconds:F1} s"));
        Console.WriteLine($"load before: {Uptime()}");

        // A request with comments and history worth showing: the newest open one with a comment.
        var number = await NumberAsync(database);
        var people = new[] { (Director, "director de informática"), ("persona21@sosep.gob.gt", "jefe de infraestructura"), ("persona1@sosep.gob.gt", "técnico") };
        var browsers = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        var apis = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        foreach (var (email, _) in people)
        {
            browsers[email] = await SignInAsync(app, baseUrl, email);
            apis[email] = await ApiClientAsync(app, baseUrl, email);
        }

        var filters = "procedimiento=DS-UI-04&abiertas=true&orden=vence&dir=asc";
        var apiFilters = "procedure=DS-UI-04&open=true&sort=due&asc=true";
        var cases = new List<Case>
        {
            new("Pendientes (/) — director", Director, "/", "/api/me/pending?take=50"),
            new("Pendientes (/) — jefe de infraestructura", "persona21@sosep.gob.gt", "/", "/api/me/pending?take=50"),
            new("Pendientes (/) — técnico", "persona1@sosep.gob.gt", "/", "/api/me/pending?take=50"),
            new("Solicitudes, primera página", Director, "/solicitudes", "/api/requests?take=26"),
            new("Solicitudes, página 40", Director, "/solicitudes?pagina=40", "/api/requests?skip=975&take=26"),
            new("Solicitudes, q=impresora (frecuente)", Director, "/solicitudes?q=impresora", "/api/requests?q=impresora&take=26"),
            new("Solicitudes, q=teclado inalámbrico (rara)", Director, "/solicitudes?q=teclado%20inal%C3%A1mbrico", "/api/requests?q=teclado%20inal%C3%A1mbrico&take=26"),
            new("Solicitudes, q=zapato (ninguna)", Director, "/solicitudes?q=zapato", "/api/requests?q=zapato&take=26"),
            new("Solicitudes, filtros (DS-UI-04, abiertas, por vencimiento)", Director, "/solicitudes?" + filters, "/api/requests?" + apiFilters + "&take=26"),
            new("Solicitudes, filtros + vencidas + fechas", Director, "/solicitudes?" + filters + "&vencidas=true&desde=2025-01-01&hasta=2030-12-31",
                "/api/requests?" + apiFilters + "&overdue=true&from=2025-01-01&to=2030-12-31&take=26"),
            new($"Solicitud (/solicitudes/{number})", Director, $"/solicitudes/{number}", $"/api/requests/{number}"),
            new("Avisos (/avisos)", Director, "/avisos", "/api/outbox/dead-letters", "/api/outbox/waiting"),
            new("Tablero del director (/tablero)", Director, "/tablero"),
            new("Tablero: gráfica semanas (PNG)", Director, "/tablero?handler=grafica&nombre=semanas"),
            new("Tablero: gráfica en curso (PNG)", Director, "/tablero?handler=grafica&nombre=en-curso"),
            new("Tablero: gráfica cumplimiento (PNG)", Director, "/tablero?handler=grafica&nombre=cumplimiento"),
        };

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{runs} timed GETs per page and per API call after {Math.Max(5, runs / 5)} of warm-up, page and API alternating, one at a time; machine: {Environment.ProcessorCount} cores; {DateTime.UtcNow:u}"));
        Console.WriteLine("| page | page median ms | page p95 ms | API median ms | API p95 ms | median ratio | p95 ratio | page KB | target < 100 ms p95 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        var missed = new List<Case>();
        foreach (var c in cases.Where(c => only is null || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            var page = new List<double>();
            var api = new List<double>();
            long bytes = 0;
            for (var i = -Math.Max(5, runs / 5); i < runs; i++)
            {
                var (pageMs, size) = await GetAsync(browsers[c.Person], c.Page, api: false);
                double apiMs = 0;
                foreach (var url in c.Api)
                {
                    apiMs += (await GetAsync(apis[c.Person], url, api: true)).Ms;
                }

                if (i == runs - 1 && Environment.GetEnvironmentVariable("BENCH_PAGES") is { } folder)
                {
                    Directory.CreateDirectory(folder);
                    using var response = await browsers[c.Person].GetAsync(new Uri(c.Page, UriKind.Relative));
                    await File.WriteAllBytesAsync(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{cases.IndexOf(c):D2}.html")), await response.Content.ReadAsByteArrayAsync());
                }

                if (i >= 0)
                {
                    page.Add(pageMs);
                    api.Add(apiMs);
                    bytes = size;
                }
            }

            var (pm, pp) = Percentiles(page);
            var met = pp < TargetMs;
            if (!met)
            {
                missed.Add(c);
            }

            var apiColumns = c.Api.Length == 0 ? "— | — | — | —"
                : Percentiles(api) is var (am, ap) ? string.Create(CultureInfo.InvariantCulture, $"{am:F1} | {ap:F1} | {pm / am:F2} | {pp / ap:F2}") : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {c.Name} | {pm:F1} | {pp:F1} | {apiColumns} | {bytes / 1024.0:F0} | {(met ? "met" : "NOT met")} |"));
        }

        Console.WriteLine("API twins: Pendientes ↔ GET /api/me/pending; Solicitudes ↔ GET /api/requests (the same filters, 26 rows as the page asks); " +
            "Solicitud ↔ GET /api/requests/{n}; Avisos ↔ GET /api/outbox/dead-letters + /api/outbox/waiting (both timed together, as the page makes both queries). " +
            "The director's dashboard and its charts have no API twin (—).");
        Console.WriteLine($"load after: {Uptime()}");
        Console.WriteLine(missed.Count == 0 ? "every page met the target" : $"{missed.Count} page(s) did NOT meet the target");
        if (Environment.GetEnvironmentVariable("BENCH_PLANS") is { } plans)
        {
            // BENCH_PLANS=search: the searches' plans too, met or not; BENCH_PLANS=all: every measured page's.
            var measured = cases.Where(c => only is null || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase));
            foreach (var c in plans switch
            {
                "search" => missed.Union(cases.Where(c => c.Page.Contains("q=", StringComparison.Ordinal))),
                "all" => measured,
                _ => missed,
            })
            {
                Console.WriteLine($"plans of {c.Name} ({c.Page}):");
                foreach (var line in await QueryPlans.OfAsync(database, () => GetAsync(browsers[c.Person], c.Page, api: false), analyze: true))
                {
                    Console.WriteLine("  " + line);
                }
            }
        }

        foreach (var client in browsers.Values.Concat(apis.Values))
        {
            client.Dispose();
        }

        return 0;
    }

    private sealed record Case(string Name, string Person, string Page, params string[] Api);

    /// <summary>As a browser: open the one-time link, post its form with the anti-forgery token, keep the cookies.</summary>
    private static async Task<HttpClient> SignInAsync(WebApplication app, string baseUrl, string email)
    {
        IssuedLoginLink link;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            link = await scope.ServiceProvider.GetRequiredService<LoginLinkService>().IssueAsync(email, CancellationToken.None);
        }

        var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        var form = await browser.GetStringAsync(new Uri("/entrar?t=" + Uri.EscapeDataString(link.Token), UriKind.Relative));
        var antiforgery = AntiforgeryField().Match(form) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("the sign-in page has no anti-forgery token");
        using var posted = await browser.PostAsync(new Uri("/entrar", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["t"] = link.Token,
            ["__RequestVerificationToken"] = antiforgery,
        }));
        if (posted.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"signing {email} in answered {(int)posted.StatusCode}");
        }

        return browser;
    }

    private static async Task<HttpClient> ApiClientAsync(WebApplication app, string baseUrl, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var key = await scope.ServiceProvider.GetRequiredService<PeopleService>().IssueApiKeyAsync(email, "web bench", CancellationToken.None);
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Add(SosepClaims.ApiKeyHeader, key.Key);
        return client;
    }

    /// <summary>One GET read to its end; anything but 200 (a redirect to sign-in, a 403) stops the bench.</summary>
    private static async Task<(double Ms, long Bytes)> GetAsync(HttpClient client, string url, bool api)
    {
        var sw = Stopwatch.StartNew();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsByteArrayAsync();
        var ms = sw.Elapsed.TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{(api ? "API" : "page")} {url} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)[..Math.Min(body.Length, 300)]}");
        }

        return (ms, body.Length);
    }

    private static (double Median, double P95) Percentiles(List<double> times)
    {
        times.Sort();
        return (times[times.Count / 2], times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)]);
    }

    private static async Task<string> NumberAsync(BenchDatabase database)
    {
        await using var c = database.Connect();
        await c.OpenAsync();
        return (await Sql.LinesAsync(c, """
            SELECT r."Number" FROM "Requests" r WHERE r."ClosedAt" IS NULL AND r."ProcedureCode" = 'DS-UI-04'
            AND EXISTS (SELECT 1 FROM "Comments" x WHERE x."RequestId" = r."Id") ORDER BY r."Id" DESC LIMIT 1
            """))[0];
    }

    private static async Task<long> CountAsync(BenchDatabase database, string table)
    {
        await using var c = database.Connect();
        await c.OpenAsync();
        return await Sql.ScalarAsync(c, $"""SELECT COUNT(*) FROM "{table}" """);
    }

    private static string Uptime()
    {
        using var uptime = Process.Start(new ProcessStartInfo("uptime") { RedirectStandardOutput = true })!;
        var text = uptime.StandardOutput.ReadToEnd().Trim();
        uptime.WaitForExit();
        return text;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
