using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SosepBot.Bot.Tests.Teams;
using SosepBot.Core.People;
using Xunit.Abstractions;

namespace SosepBot.Bot.Tests.Hosting;

/// <summary>
/// Seeded fuzzing of the real host: mutated Teams activities and API bodies (truncated, wrong types, nulls, huge
/// strings, Unicode controls, deep nesting, random bytes, duplicated keys…). None may give a 5xx, the service stays
/// healthy, and a refused input stores nothing. A failure prints the seed and the input, so it can be replayed.
/// </summary>
[Collection(FuzzRunsAlone.Name)]
public sealed class HostileInputFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261204;
    private const int ActivitiesCount = 5_000;
    private const int ApiBodiesCount = 5_000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);
    private static readonly string[] AuditedTables = ["Requests", "Comments", "AuditEntries", "Attachments", "Units", "UnitContacts", "MaintenancePlans", "RequestTesters"];

    [Fact]
    public async Task Fuzz_MutatedActivitiesAndApiBodies_NoServerErrorNothingStoredFromRefusedHealthyAfter()
    {
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;

        // Two hosts side by side (each phase with its own seeded mutator, so each is reproducible on its own).
        var teams = FuzzTeamsAsync(new JsonMutator(new Random(Seed)));
        var api = FuzzApiAsync(new JsonMutator(new Random(Seed + 1)));
        await Task.WhenAll(teams, api);

        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var summary = $"seed {Seed}: {ActivitiesCount} activities ({await teams}), {ApiBodiesCount} API bodies ({await api}) " +
            $"in {clock.Elapsed.TotalSeconds:0.0} s ({used.TotalSeconds:0.0} s of CPU)";
        output.WriteLine(summary);
        Assert.True(clock.Elapsed < Budget, $"{summary}: over the budget of {Budget.TotalSeconds} s");
    }

    private static async Task<string> FuzzTeamsAsync(JsonMutator mutator)
    {
        await using var host = await TeamsHost.StartAsync(new Dictionary<string, string?>
        {
            ["Teams:RateLimit:PerSecond"] = "0",
            ["Teams:RateLimit:Per30Seconds"] = "0",
            ["Teams:RateLimit:PerHour"] = "0",
        });
        const string Ana = "aad-fuzz-ana";
        await host.PersonAsync("Ana Fuzz", Ana);
        var token = host.Token();
        var seeds = new Func<JsonObject>[]
        {
            () => host.Message(Ana, "mi impresora no imprime"),
            () => host.Message(Ana, "mis solicitudes"),
            () => host.Execute(Ana, "abrir", new JsonObject { ["procedure"] = "DS-UI-04", ["title"] = "Pantalla negra" }),
            () => host.Activity("message", Ana, null, a =>
            {
                a["text"] = "UI-2026-00001 dpi";
                a["attachments"] = new JsonArray(new JsonObject
                {
                    ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
                    ["name"] = "dpi.pdf",
                    ["content"] = new JsonObject { ["downloadUrl"] = "file:///etc/passwd", ["fileType"] = "pdf" },
                });
            }),
            () => host.Activity("conversationUpdate", Ana, null, a => a["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:" + TeamsHost.AppId })),
            () => host.Message(Ana, "menú"),
        };

        var statuses = new Dictionary<int, int>();
        var before = await host.Factory.CountAsync("TeamsInboundActivities");
        for (var i = 0; i < ActivitiesCount; i++)
        {
            var body = mutator.Mutate(seeds[i % seeds.Length]().ToJsonString(), maxHugeBytes: 400_000);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = Content(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await host.Client.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(status < 500, $"seed {Seed}, activity {i}: {status} for {Shorten(body)}\n{await response.Content.ReadAsStringAsync()}");
            if (status >= 400)
            {
                // The inbound table only grows when an activity is accepted, whatever the turns do in the background.
                var after = await host.Factory.CountAsync("TeamsInboundActivities");
                Assert.True(after == before, $"seed {Seed}, activity {i}: refused with {status} but stored: {Shorten(body)}");
            }
            else
            {
                before = await host.Factory.CountAsync("TeamsInboundActivities");
            }
        }

        await AssertHealthyAsync(host.Client);
        var answered = await host.PostAsync(host.Message(Ana, "mis solicitudes"));
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        return Describe(statuses);
    }

    private static async Task<string> FuzzApiAsync(JsonMutator mutator)
    {
        await using var factory = new SosepApiFactory();
        var admin = await factory.ClientForAsync("Rosa Admin", Role.Administrator, Role.ItDirector, Role.InfraHead, Role.Technician);
        var created = await admin.PostAsync(new Uri("/api/requests", UriKind.Relative), Content("""{"procedure":"DS-UI-04","title":"Impresora"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var number = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["summary"]!["number"]!.GetValue<string>();
        var seeds = new (HttpMethod Method, string Url, string Body)[]
        {
            (HttpMethod.Post, "/api/requests", """{"procedure":"DS-UI-04","title":"Mi impresora no imprime","description":"Sale en blanco","priority":"Alta"}"""),
            (HttpMethod.Post, "/api/requests", """{"procedure":"DS-UI-07","title":"Cuenta","form":{"firstNames":"Ana","lastNames":"Pérez","cui":"1234567890101","nit":"576937K","changeKind":"Nuevo"}}"""),
            (HttpMethod.Post, $"/api/requests/{number}/comments", """{"text":"¿Ya lo revisaron?"}"""),
            (HttpMethod.Post, $"/api/requests/{number}/actions/asignar", """{"assigneeEmail":"rosaadmin@sosep.gob.gt","expectedVersion":1,"testerEmails":["x@y.z"]}"""),
            (HttpMethod.Put, "/api/me/notices", """{"mode":"solo-resumen"}"""),
            (HttpMethod.Post, "/api/units", """{"name":"Sede Petén","kind":"sede departamental","department":"Petén","contacts":["rosaadmin@sosep.gob.gt"]}"""),
            (HttpMethod.Post, "/api/maintenance/plans", """{"calendarNumber":"UI-2026-00001","unit":"Sede Petén","rule":"FREQ=MONTHLY;INTERVAL=6","firstVisit":"2026-04-01T09:00:00-06:00"}"""),
            (HttpMethod.Post, "/api/jobs/escalamientos/run", """{"resend":false}"""),
        };

        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < ApiBodiesCount; i++)
        {
            var (method, url, seed) = seeds[i % seeds.Length];
            var body = mutator.Mutate(seed, maxHugeBytes: 300_000);
            var before = await CountAllAsync(factory);
            using var request = new HttpRequestMessage(method, url) { Content = Content(body) };
            using var response = await admin.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(status < 500, $"seed {Seed}, body {i} ({method} {url}): {status} for {Shorten(body)}\n{await response.Content.ReadAsStringAsync()}");
            if (status >= 400)
            {
                Assert.True(await CountAllAsync(factory) == before, $"seed {Seed}, body {i} ({method} {url}): refused with {status} but rows changed: {Shorten(body)}");
            }
        }

        await AssertHealthyAsync(admin);
        var after = await admin.PostAsync(new Uri("/api/requests", UriKind.Relative), Content("""{"procedure":"DS-UI-04","title":"Después del fuzz"}"""));
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        return Describe(statuses);
    }

    private static Task<string> CountAllAsync(SosepApiFactory factory) => factory.CountsAsync(AuditedTables);

    private static async Task AssertHealthyAsync(HttpClient client)
    {
        var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("Healthy", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static ByteArrayContent Content(string body) => Content(JsonMutator.Bytes(body));

    private static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static string Describe(Dictionary<int, int> statuses) =>
        string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));

    private static string Shorten(byte[] body) =>
        Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 600)) + (body.Length > 600 ? $"… ({body.Length} bytes)" : string.Empty);
}
