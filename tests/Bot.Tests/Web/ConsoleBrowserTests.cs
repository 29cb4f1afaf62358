using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SosepBot.Bot.Tests.Fakes;

namespace SosepBot.Bot.Tests.Web;

/// <summary>
/// The staff console end to end in real Chromium through the running service (Browser/console-e2e.mjs with
/// playwright-core and axe-core): sign-in links, Pendientes, assigning, acting from the request page, closing, the
/// Spanish 403 page, the anti-forgery refusal and a link used twice, a file attached and downloaded from the request
/// page; every page checked with axe-core and at 375 px.
/// Screenshots go to $SOSEPBOT_TEST_RUN_DIR/artifacts/web (or the temp folder). Runs when
/// scripts/test-env/31-chromium.sh prepared Chromium, playwright-core and axe-core.
/// </summary>
public sealed class ConsoleBrowserTests
{
    private const string Chromium = "SOSEPBOT_TEST_CHROMIUM";
    private const string Playwright = "SOSEPBOT_TEST_PLAYWRIGHT";
    private const string Axe = "SOSEPBOT_TEST_AXE";

    [SkippableFact]
    public async Task Console_TicketFromOpenToClosed_InChromium_WithAccessiblePages()
    {
        SkipWithoutChromium();
        await using var bot = new BotProcess();
        Assert.Equal(0, await bot.CliAsync("people", "add", "--email", "jefe@sosep.gob.gt", "--name", "Rosa Díaz", "--roles", "InfraHead"));
        Assert.Equal(0, await bot.CliAsync("people", "add", "--email", "tecnico@sosep.gob.gt", "--name", "Tito López", "--roles", "Technician"));
        Assert.Equal(0, await bot.CliAsync("people", "add", "--email", "admin@sosep.gob.gt", "--name", "Omar Ruiz", "--roles", "Administrator"));
        Assert.Equal(0, await bot.CliAsync("people", "add", "--email", "directora@sosep.gob.gt", "--name", "Dora Méndez", "--roles", "ItDirector"));
        Assert.Equal(0, await bot.CliAsync("people", "add", "--email", "ana@sosep.gob.gt", "--name", "Ana Pérez", "--unit", "Hogares Comunitarios"));
        var (keyExit, anaKey) = await bot.CliOutputAsync("apikey", "issue", "--email", "ana@sosep.gob.gt");
        Assert.Equal(0, keyExit);
        Assert.Equal(0, await bot.CliAsync("units", "add", "--name", "Dirección Financiera", "--department", "Guatemala"));
        var (technicianKeyExit, technicianKey) = await bot.CliOutputAsync("apikey", "issue", "--email", "tecnico@sosep.gob.gt");
        Assert.Equal(0, technicianKeyExit);
        await bot.StartAsync("--Attachments:MaxBytes", "262144"); // 256 KB a file: the upload's body limit reached with 2 MB
        var baseUrl = $"http://127.0.0.1:{bot.Port}";

        // The requester opens the ticket through the API: API keys keep working next to the console.
        using var api = new HttpClient { BaseAddress = new Uri(baseUrl) };
        api.DefaultRequestHeaders.Add("X-Api-Key", anaKey);
        var number = await NumberAsync(api, new { procedure = "DS-UI-04", title = "La impresora del segundo nivel no imprime" });

        // The technician draws up a DS-UI-03 calendar with a visit today (Guatemala), for «Calendario».
        using var staffApi = new HttpClient { BaseAddress = new Uri(baseUrl) };
        staffApi.DefaultRequestHeaders.Add("X-Api-Key", technicianKey);
        var calendar = await NumberAsync(staffApi, new { procedure = "DS-UI-03", title = "Calendarización de mantenimiento preventivo" });
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(-6));
        var visit = await NumberAsync(staffApi, new
        {
            procedure = "DS-UI-03-VISITA",
            title = "Mantenimiento preventivo — Dirección Financiera",
            parentNumber = calendar,
            unit = "Dirección Financiera",
            scheduledFor = new DateTimeOffset(today.Year, today.Month, today.Day, 10, 0, 0, today.Offset),
            assigneeEmail = "tecnico@sosep.gob.gt",
        });

        var links = new JsonObject();
        foreach (var (who, email) in new[] { ("jefe", "jefe@sosep.gob.gt"), ("tecnico", "tecnico@sosep.gob.gt"), ("ana", "ana@sosep.gob.gt"), ("admin", "admin@sosep.gob.gt"), ("director", "directora@sosep.gob.gt") })
        {
            var (exit, link) = await bot.CliOutputAsync("login-link", "--email", email, "--Web:PublicUrl", baseUrl);
            Assert.Equal(0, exit);
            Assert.StartsWith($"{baseUrl}/entrar?t=", link, StringComparison.Ordinal);
            links[who] = link;
        }

        var config = Config(baseUrl);
        config["number"] = number;
        config["visit"] = visit;
        config["links"] = links;
        config["technician"] = "Tito López";
        var (result, shown) = await RunAsync(bot, "console-e2e.mjs", config);
        var checks = result["checks"]!;
        Assert.Equal("Saltar al contenido", checks["firstTab"]!.GetValue<string>());
        Assert.True(checks["assigned"]!.GetValue<bool>(), shown);
        Assert.Equal(400, checks["reusedLinkStatus"]!.GetValue<int>());
        Assert.Equal("/entrar", checks["reusedLinkPath"]!.GetValue<string>());
        Assert.Contains("Otra persona actualizó la solicitud", checks["staleMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(checks["closedState"]!.GetValue<bool>(), shown);
        Assert.Equal(0, checks["anaSeesAvisosLink"]!.GetValue<int>());
        Assert.Equal(403, checks["staffPageStatus"]!.GetValue<int>());
        Assert.Contains("solo para el personal de la Unidad de Informática", checks["staffPageText"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(400, checks["postWithoutTokenStatus"]!.GetValue<int>());
        Assert.Equal(0, checks["jefeSeesAdminLink"]!.GetValue<int>());
        Assert.True(checks["calendarVisitFiltered"]!.GetValue<bool>(), shown);
        Assert.Equal(0, checks["calendarAfterOtherUnit"]!.GetValue<int>());
        Assert.Equal(0, checks["anaSeesCalendarLink"]!.GetValue<int>());
        Assert.True(checks["adminPeopleForms"]!.GetValue<int>() >= 4, shown);
        Assert.Equal(1, checks["adminExportLinks"]!.GetValue<int>());
        Assert.Equal("PEREZ", checks["adminSearchAfterEdit"]!.GetValue<string>());
        Assert.Equal("PEREZ", checks["adminSearchBoxAfterEdit"]!.GetValue<string>());
        var listed = checks["adminSearchListed"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.True(listed is [var only] && only.StartsWith("Ana María Pérez · ana@sosep.gob.gt", StringComparison.Ordinal), shown);

        // The director's dashboard counts the technician's closure: one closed, within its time limit.
        var row = checks["dashboardTechnicianRow"]!.GetValue<string>().Split('\t', StringSplitOptions.TrimEntries);
        Assert.True(row.Length >= 4 && row[0] == "Tito López" && row[1] == "1" && row[2] == "1", shown);
        Assert.True(checks["dashboardWeeklyChart"]!.GetValue<int>() >= 1, shown);
        Assert.Equal("informe-tecnico.pdf", checks["downloadName"]!.GetValue<string>());
        Assert.True(checks["downloadSameBytes"]!.GetValue<bool>(), shown);
        Assert.Equal(413, checks["tooLargeStatus"]!.GetValue<int>());
        Assert.Contains("No se guardó ningún archivo", checks["tooLargeText"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("de hasta 0.25 MB cada uno", checks["tooLargeText"]!.GetValue<string>().Replace(',', '.'), StringComparison.Ordinal);
        Assert.Equal(0, checks["tooLargeFilesListed"]!.GetValue<int>());

        AssertAccessible(result, shown, atLeast: 18);
        Assert.True(File.Exists(Path.Combine(Artifacts, "jefe-pendientes-375.png")));
    }

    [SkippableFact]
    public async Task Console_EntrarConMicrosoft_InChromium_DirectorMailsALinkAndOpensTheDashboard()
    {
        SkipWithoutChromium();
        await using var idp = await FakeOpenIdServer.StartAsync();
        idp.SignedInUser = new OpenIdUser("oid-de-dora", "dora@sosep.gob.gt", "Dora D.");
        await using var bot = new BotProcess();
        Assert.Equal(0, await bot.CliAsync("people", "add", "--email", "dora@sosep.gob.gt", "--name", "Dora Directora", "--roles", "ItDirector"));
        Assert.Equal(0, await bot.CliAsync("people", "add", "--email", "ana@sosep.gob.gt", "--name", "Ana Pérez"));
        await bot.StartAsync("--Web:Entra:Instance", idp.Instance, "--Web:Entra:TenantId", idp.Tenant,
            "--Web:Entra:ClientId", idp.Client.Id, "--Web:Entra:ClientSecret", idp.Client.Secret);

        var config = Config($"http://127.0.0.1:{bot.Port}");
        config["idp"] = idp.Instance;
        config["person"] = "Ana Pérez";
        var (result, shown) = await RunAsync(bot, "entra-e2e.mjs", config);

        var checks = result["checks"]!;
        Assert.Equal("Dora Directora", checks["signedInAs"]!.GetValue<string>());
        Assert.Equal(1, idp.Redeemed);
        Assert.Contains("Se envió por correo un enlace de acceso a ana@sosep.gob.gt", checks["mailed"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(200, checks["dashboardStatus"]!.GetValue<int>());
        Assert.Equal(404, checks["notFoundStatus"]!.GetValue<int>());
        Assert.Equal("No encontrado", checks["notFoundTitle"]!.GetValue<string>());
        AssertAccessible(result, shown, atLeast: 4);
    }

    private static async Task<string> NumberAsync(HttpClient api, object body)
    {
        using var created = await api.PostAsJsonAsync("/api/requests", body);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return JsonNode.Parse(await created.Content.ReadAsStringAsync())!["summary"]!["number"]!.GetValue<string>();
    }

    private static string Artifacts => Path.Combine(Environment.GetEnvironmentVariable("SOSEPBOT_TEST_RUN_DIR") ?? Path.GetTempPath(), "artifacts", "web");

    private static void SkipWithoutChromium() =>
        Skip.If(new[] { Chromium, Playwright, Axe }.Any(v => Environment.GetEnvironmentVariable(v) is null),
            $"{Chromium} / {Playwright} / {Axe} are not set (scripts/test-env/31-chromium.sh installs Chromium, playwright-core and axe-core).");

    private static JsonObject Config(string baseUrl) => new()
    {
        ["base"] = baseUrl,
        ["chromium"] = Environment.GetEnvironmentVariable(Chromium),
        ["playwright"] = Environment.GetEnvironmentVariable(Playwright),
        ["axe"] = Environment.GetEnvironmentVariable(Axe),
        ["artifacts"] = Artifacts,
    };

    /// <summary>Runs a script of Web/Browser with its config; asserts it finished and answers what it printed.</summary>
    private static async Task<(JsonObject Result, string Shown)> RunAsync(BotProcess bot, string script, JsonObject config)
    {
        var path = Path.Combine(bot.WorkDirectory, Path.ChangeExtension(script, ".json"));
        await File.WriteAllTextAsync(path, config.ToJsonString());
        var result = (await NodeScript.RunAsync(Path.Combine("Web", "Browser", script), TimeSpan.FromSeconds(240), path)).Result;
        var shown = result.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Assert.True(result["ok"]?.GetValue<bool>() == true, $"{shown}\n{bot.Output}");
        return (result, shown);
    }

    /// <summary>axe-core found no serious or critical violation, and no page scrolls sideways at 375 px.</summary>
    private static void AssertAccessible(JsonObject result, string shown, int atLeast)
    {
        var visited = result["pages"]!.AsArray();
        Assert.True(visited.Count >= atLeast, shown);
        foreach (var page in visited)
        {
            Assert.True(page!["violations"]!.AsArray().Count == 0, $"axe-core: serious or critical violations on {page["name"]}: {page["violations"]!.ToJsonString()}");
            Assert.True(page["scrollWidth"]!.GetValue<int>() <= page["viewport"]!.GetValue<int>(), $"{page["name"]} scrolls sideways at 375 px: {page.ToJsonString()}");
        }
    }
}
