using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using SosepBot.Core.People;

namespace SosepBot.Bot.Tests.Api;

public sealed class RequestsApiTests : IAsyncLifetime
{
    private readonly SosepApiFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Health_FreshDatabase_IsHealthy()
    {
        var response = await _factory.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await response.ReadJsonAsync())["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Procedures_Anonymous_ListsTheNineProceduresWithTheirStates()
    {
        var response = await _factory.CreateClient().GetAsync(new Uri("/api/procedures", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var procedures = (await response.ReadJsonAsync()).AsArray();
        Assert.Equal(
            new[] { "DS-UI-01", "DS-UI-02", "DS-UI-03", "DS-UI-04", "DS-UI-05", "DS-UI-06", "DS-UI-07", "DS-UI-08", "SIGES-SICOIN" },
            procedures.Select(p => p!["code"]!.GetValue<string>()).Order().ToArray());
        var bsosep = procedures.Single(p => p!["code"]!.GetValue<string>() == "DS-UI-08")!;
        var states = bsosep["states"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("RECEPCIÓN", states);
        Assert.Contains("PROCESANDO", states);
        Assert.Contains("FINALIZADO", states);
        var maintenance = procedures.Single(p => p!["code"]!.GetValue<string>() == "DS-UI-03")!;
        Assert.Equal("DS-UI-03-VISITA", maintenance["subProcedures"]![0]!["code"]!.GetValue<string>());
        Assert.All(procedures, p => Assert.NotEmpty(p!["transitions"]!.AsArray()));
    }

    [Fact]
    public async Task Requests_WithoutKey_Is401InSpanishAndCreatesNothing()
    {
        var anonymous = _factory.CreateClient();
        var forged = _factory.CreateClient();
        forged.DefaultRequestHeaders.Add("X-Api-Key", "sk_000000000000.not-a-real-secret");

        var none = await anonymous.PostJsonAsync("/api/requests", new { procedure = "DS-UI-04", title = "x" });
        var bad = await forged.PostJsonAsync("/api/requests", new { procedure = "DS-UI-04", title = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Contains("X-Api-Key", (await none.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("no es válida", (await bad.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var staff = await _factory.ClientForAsync("Asistente", Role.Assistant);
        Assert.Empty((await (await staff.GetAsync(new Uri("/api/requests", UriKind.Relative))).ReadJsonAsync()).AsArray());
    }

    [Fact]
    public async Task SupportTicket_FromOpenToClosed_HistoryShowsEveryStepWithWhoAndWhen()
    {
        var user = await _factory.ClientForAsync("Ana Usuaria");
        var head = await _factory.ClientForAsync("Jefe Infra", Role.InfraHead);
        var tech = await _factory.ClientForAsync("Tito Tecnico", Role.Technician);

        var created = await user.PostJsonAsync("/api/requests", new { procedure = "DS-UI-04", title = "Mi impresora no imprime" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var number = (await created.ReadJsonAsync())["summary"]!["number"]!.GetValue<string>();
        Assert.Equal($"/api/requests/{number}", created.Headers.Location!.OriginalString);

        await Ok(head.PostJsonAsync($"/api/requests/{number}/actions/asignar", new { assigneeEmail = SosepApiFactory.EmailOf("Tito Tecnico") }));
        await Ok(tech.PostJsonAsync($"/api/requests/{number}/actions/atender", null));
        await Ok(tech.PostJsonAsync($"/api/requests/{number}/actions/resolver", new { text = "Se cambió el cable USB." }));
        var closed = await Ok(user.PostJsonAsync($"/api/requests/{number}/actions/cerrar", null));

        Assert.Equal("Cerrado", closed["summary"]!["state"]!.GetValue<string>());
        var history = closed["history"]!.AsArray();
        Assert.Equal(new[] { null, "asignar", "atender", "resolver", "cerrar" }, history.Select(h => h!["action"]?.GetValue<string>()).ToArray());
        Assert.Equal(new[] { "Ana Usuaria", "Jefe Infra", "Tito Tecnico", "Tito Tecnico", "Ana Usuaria" }, history.Select(h => h!["actor"]!.GetValue<string>()).ToArray());
        Assert.All(history, h => Assert.True(h!["at"]!.GetValue<DateTimeOffset>() > DateTimeOffset.MinValue));
        Assert.Equal("Se cambió el cable USB.", history[3]!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bsosep_ThroughRecepcionProcesandoFinalizado_AndWrongRoleIsRefusedWith403()
    {
        var user = await _factory.ClientForAsync("Carla Coordinadora");
        var director = await _factory.ClientForAsync("Director Informatica", Role.ItDirector);
        var dba = await _factory.ClientForAsync("Beto Base Datos", Role.Dba);
        var assistant = await _factory.ClientForAsync("Asistente", Role.Assistant);
        var technician = await _factory.ClientForAsync("Tito Tecnico", Role.Technician);

        var created = await user.PostJsonAsync("/api/requests", new
        {
            procedure = "DS-UI-08",
            title = "Usuario BSOSEP para registradora",
            form = new
            {
                formCode = "DI-Frm_002",
                changeKind = "Nuevo",
                moduleOrSystem = "BSOSEP",
                operationalUnit = "Hogares Comunitarios",
                firstNames = "María José",
                lastNames = "Pérez López",
                nit = "1669394-9",
                cui = "1234567890101",
                profile = "Registro de beneficiarios",
            },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var number = (await created.ReadJsonAsync())["summary"]!["number"]!.GetValue<string>();
        Assert.Equal("RECEPCIÓN", (await created.ReadJsonAsync())["summary"]!["state"]!.GetValue<string>());

        using (var form = new MultipartFormDataContent())
        {
            var pdf = new ByteArrayContent("%PDF-1.4\n% formulario firmado\n"u8.ToArray());
            pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(pdf, "file", "DI-Frm_002-firmado.pdf");
            form.Add(new StringContent("FormularioFirmado"), "kind");
            Assert.Equal(HttpStatusCode.Created, (await user.PostAsync(new Uri($"/api/requests/{number}/attachments", UriKind.Relative), form)).StatusCode);
        }

        var refused = await technician.PostJsonAsync($"/api/requests/{number}/actions/asignar", new { assigneeEmail = SosepApiFactory.EmailOf("Beto Base Datos") });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Director Unidad de Informática", (await refused.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var unchanged = await (await user.GetAsync(new Uri($"/api/requests/{number}", UriKind.Relative))).ReadJsonAsync();
        Assert.Equal("RECEPCIÓN", unchanged["summary"]!["state"]!.GetValue<string>());
        Assert.Equal(0, unchanged["summary"]!["version"]!.GetValue<int>());

        var unverified = await director.PostJsonAsync($"/api/requests/{number}/actions/asignar", new { assigneeEmail = SosepApiFactory.EmailOf("Beto Base Datos") });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unverified.StatusCode);
        Assert.Contains("la verificación de firmas y documentos por la Asistente", (await unverified.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await Ok(assistant.PostJsonAsync($"/api/requests/{number}/actions/verificar", null));
        await Ok(director.PostJsonAsync($"/api/requests/{number}/actions/asignar", new { assigneeEmail = SosepApiFactory.EmailOf("Beto Base Datos") }));
        var processing = await Ok(dba.PostJsonAsync($"/api/requests/{number}/actions/procesar", null));
        Assert.Equal("PROCESANDO", processing["summary"]!["state"]!.GetValue<string>());
        var finished = await Ok(dba.PostJsonAsync($"/api/requests/{number}/actions/finalizar", null));
        Assert.Equal("FINALIZADO", finished["summary"]!["state"]!.GetValue<string>());
        var archived = await Ok(assistant.PostJsonAsync($"/api/requests/{number}/actions/archivar", null));

        Assert.Equal("Archivada", archived["summary"]!["state"]!.GetValue<string>());
        Assert.Equal(
            new[] { "RECEPCIÓN", "RECEPCIÓN", "Asignada", "PROCESANDO", "FINALIZADO", "Archivada" },
            archived["history"]!.AsArray().Where(h => h!["kind"]!.GetValue<string>() is "Created" or "Transition")
                .Select(h => h!["to"]!.GetValue<string>()).ToArray());
    }

    [Fact]
    public async Task Get_ShowsTheActionsTheCallerMayTakeNow()
    {
        var user = await _factory.ClientForAsync("Ana Usuaria");
        var head = await _factory.ClientForAsync("Jefe Infra", Role.InfraHead);
        var number = await OpenTicketAsync(user);

        var asHead = await (await head.GetAsync(new Uri($"/api/requests/{number}", UriKind.Relative))).ReadJsonAsync();
        var asUser = await (await user.GetAsync(new Uri($"/api/requests/{number}", UriKind.Relative))).ReadJsonAsync();

        Assert.Equal(new[] { "asignar", "anular" }, asHead["actions"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()).ToArray());
        Assert.Equal("Technician", asHead["actions"]![0]!["choosesAssignee"]!.GetValue<string>());
        Assert.Equal(new[] { "anular" }, asUser["actions"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()).ToArray());
    }

    [Fact]
    public async Task Errors_AreProblemDetailsWithSpanishDetail()
    {
        var user = await _factory.ClientForAsync("Ana Usuaria");
        var number = await OpenTicketAsync(user);

        var malformed = await user.PostAsync(new Uri("/api/requests", UriKind.Relative), new StringContent("{no es json", System.Text.Encoding.UTF8, "application/json"));
        var unknownAction = await user.PostJsonAsync($"/api/requests/{number}/actions/teletransportar", null);
        var wrongState = await user.PostJsonAsync($"/api/requests/{number}/actions/cerrar", null);
        var unknownProcedure = await user.PostJsonAsync("/api/requests", new { procedure = "DS-UI-99", title = "x" });
        var unitDirector = await _factory.ClientForAsync("Directora Unidad", Role.UnitDirector);
        var badCui = await unitDirector.PostJsonAsync("/api/requests", new
        {
            procedure = "DS-UI-07",
            title = "Correo para nuevo colaborador",
            form = new
            {
                changeKind = "Nuevo", firstNames = "Luis", lastNames = "Gómez", nit = "1669394-9", cui = "1234567800101",
                operationalUnit = "Informática", directorOrHead = "Lic. Director", jobTitle = "Técnico", internetAccess = "SinSocialSinStreaming",
            },
        });
        var notMine = await (await _factory.ClientForAsync("Otra Persona")).GetAsync(new Uri($"/api/requests/{number}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownAction.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, wrongState.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownProcedure.StatusCode);
        Assert.Equal((HttpStatusCode)422, badCui.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
        foreach (var response in new[] { malformed, unknownAction, wrongState, unknownProcedure, badCui, notMine })
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }

        Assert.Contains("JSON", (await malformed.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("«Cerrar el ticket»", (await wrongState.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var cui = await badCui.ReadJsonAsync();
        Assert.Contains("CUI", cui["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("cui", cui["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownRouteOrMethod_IsProblemDetailsInSpanish()
    {
        var client = _factory.CreateClient();

        var missing = await client.GetAsync(new Uri("/api/no-existe", UriKind.Relative));
        var method = await client.DeleteAsync(new Uri("/api/procedures", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, method.StatusCode);
        Assert.Equal("No encontrado", (await missing.ReadJsonAsync())["title"]!.GetValue<string>());
        Assert.Equal("Método no permitido", (await method.ReadJsonAsync())["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Take_TwoTechniciansAtOnce_OneWinsTheOtherIsTold()
    {
        var user = await _factory.ClientForAsync("Ana Usuaria");
        var first = await _factory.ClientForAsync("Tecnico Uno", Role.Technician);
        var second = await _factory.ClientForAsync("Tecnico Dos", Role.Technician);
        var number = await OpenTicketAsync(user);

        var responses = await Task.WhenAll(
            first.PostJsonAsync($"/api/requests/{number}/actions/tomar", new { expectedVersion = 0 }),
            second.PostJsonAsync($"/api/requests/{number}/actions/tomar", new { expectedVersion = 0 }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Contains(number, (await loser.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var after = await (await user.GetAsync(new Uri($"/api/requests/{number}", UriKind.Relative))).ReadJsonAsync();
        Assert.Single(after["history"]!.AsArray(), h => h!["action"]?.GetValue<string>() == "tomar");
    }

    [Fact]
    public async Task Attachment_OnlyPeopleTakingPartCanDownloadIt()
    {
        var user = await _factory.ClientForAsync("Ana Usuaria");
        var stranger = await _factory.ClientForAsync("Otra Persona");
        var number = await OpenTicketAsync(user);
        using var form = new MultipartFormDataContent();
        var png = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(png, "file", "pantalla.png");
        var uploaded = await (await user.PostAsync(new Uri($"/api/requests/{number}/attachments", UriKind.Relative), form)).ReadJsonAsync();
        var url = new Uri($"/api/requests/{number}/attachments/{uploaded["id"]!.GetValue<long>()}", UriKind.Relative);

        var mine = await user.GetAsync(url);
        var theirs = await stranger.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(11, (await mine.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
    }

    [Fact]
    public async Task List_FiltersByStateProcedureAndAssignee()
    {
        var user = await _factory.ClientForAsync("Ana Usuaria");
        var tech = await _factory.ClientForAsync("Tito Tecnico", Role.Technician);
        var taken = await OpenTicketAsync(user);
        await OpenTicketAsync(user);
        await Ok(tech.PostJsonAsync($"/api/requests/{taken}/actions/tomar", null));

        var open = await (await tech.GetAsync(new Uri("/api/requests?state=Abierto&procedure=DS-UI-04", UriKind.Relative))).ReadJsonAsync();
        var mine = await (await tech.GetAsync(new Uri($"/api/requests?assignee={SosepApiFactory.EmailOf("Tito Tecnico")}", UriKind.Relative))).ReadJsonAsync();

        Assert.Single(open.AsArray());
        Assert.Equal(taken, Assert.Single(mine.AsArray())!["number"]!.GetValue<string>());
    }

    [Fact]
    public async Task Action_TesterEmails_NameTheTestersWhoThenSeeAndApproveTheTests()
    {
        var user = await _factory.ClientForAsync("Fina Financiera");
        var tester = await _factory.ClientForAsync("Pablo Probador");
        var assistant = await _factory.ClientForAsync("Asistente Cambios", Role.Assistant);
        var director = await _factory.ClientForAsync("Director Cambios", Role.ItDirector);
        var devHead = await _factory.ClientForAsync("Jefa Desarrollo", Role.DevHead);
        var developer = await _factory.ClientForAsync("Analista Cambios", Role.Developer);
        var created = await user.PostJsonAsync("/api/requests", new
        {
            procedure = "DS-UI-02",
            title = "Reporte de existencias",
            form = new
            {
                formCode = "DI-Frm_001", changeKind = "Actualizacion", moduleOrSystem = "Inventarios", operationalUnit = "Financiera",
                firstNames = "Fina", lastNames = "López", nit = "1669394-9", cui = "1234567890101",
            },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var number = (await created.ReadJsonAsync())["summary"]!["number"]!.GetValue<string>();
        await Ok(assistant.PostJsonAsync($"/api/requests/{number}/actions/trasladar", null));
        await Ok(director.PostJsonAsync($"/api/requests/{number}/actions/aprobar", null));
        await Ok(devHead.PostJsonAsync($"/api/requests/{number}/actions/asignar", new { assigneeEmail = SosepApiFactory.EmailOf("Analista Cambios") }));
        foreach (var (kind, name) in new[] { ("DocumentoRequerimiento", "req.pdf"), ("PlanTrabajo", "plan.pdf") })
        {
            using var form = new MultipartFormDataContent();
            var pdf = new ByteArrayContent("%PDF-1.4\n% documento\n"u8.ToArray());
            pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(pdf, "file", name);
            form.Add(new StringContent(kind), "kind");
            Assert.Equal(HttpStatusCode.Created, (await developer.PostAsync(new Uri($"/api/requests/{number}/attachments", UriKind.Relative), form)).StatusCode);
        }

        await Ok(developer.PostJsonAsync($"/api/requests/{number}/actions/enviar-plan", new { plannedEnd = "2026-06-30" }));
        await Ok(devHead.PostJsonAsync($"/api/requests/{number}/actions/aprobar-plan", null));
        Assert.Equal(HttpStatusCode.NotFound, (await tester.GetAsync(new Uri($"/api/requests/{number}", UriKind.Relative))).StatusCode);
        var asDeveloper = await Ok(developer.GetAsync(new Uri($"/api/requests/{number}", UriKind.Relative)));
        Assert.True(asDeveloper["actions"]!.AsArray().Single(x => x!["action"]!.GetValue<string>() == "liberar-a-pruebas")!["namesTesters"]!.GetValue<bool>());

        var unknown = await developer.PostJsonAsync($"/api/requests/{number}/actions/liberar-a-pruebas", new { testerEmails = new[] { "nadie@sosep.gob.gt" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("nadie@sosep.gob.gt", (await unknown.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var released = await Ok(developer.PostJsonAsync($"/api/requests/{number}/actions/liberar-a-pruebas",
            new { testerEmails = new[] { SosepApiFactory.EmailOf("Pablo Probador") } }));
        Assert.Equal("Pablo Probador", released["testers"]![0]!["name"]!.GetValue<string>());

        var asTester = await Ok(tester.GetAsync(new Uri($"/api/requests/{number}", UriKind.Relative)));
        Assert.Equal(new[] { "aprobar-pruebas", "reportar-fallas" }, asTester["actions"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("1234567890101", asTester["form"]!["cui"]!.GetValue<string>());
        var approved = await Ok(tester.PostJsonAsync($"/api/requests/{number}/actions/aprobar-pruebas", null));
        Assert.Equal(JsonValueKind.String, approved["testers"]![0]!["approvedAt"]!.GetValueKind());
    }

    [Fact]
    public async Task AttachmentDownload_DpiCopy_IsForbiddenToStaffWithNoStepAndAuditedForThoseWithOne()
    {
        var user = await _factory.ClientForAsync("Lola Usuaria");
        var developer = await _factory.ClientForAsync("Dario Desarrollo", Role.Developer);
        var head = await _factory.ClientForAsync("Hector Infra", Role.InfraHead);
        var number = await OpenTicketAsync(user);
        long id;
        using (var form = new MultipartFormDataContent())
        {
            var pdf = new ByteArrayContent("%PDF-1.4\n% dpi\n"u8.ToArray());
            pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(pdf, "file", "dpi-lola.pdf");
            form.Add(new StringContent("CopiaDpi"), "kind");
            id = (await (await user.PostAsync(new Uri($"/api/requests/{number}/attachments", UriKind.Relative), form)).ReadJsonAsync())["id"]!.GetValue<long>();
        }

        var url = new Uri($"/api/requests/{number}/attachments/{id}", UriKind.Relative);
        var refused = await developer.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("datos personales", (await refused.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync(url)).StatusCode);

        var history = (await Ok(head.GetAsync(new Uri($"/api/requests/{number}", UriKind.Relative))))["history"]!.AsArray();
        var download = Assert.Single(history, h => h!["kind"]!.GetValue<string>() == "Download");
        Assert.Equal("Hector Infra", download!["actor"]!.GetValue<string>());
        Assert.Contains("dpi-lola.pdf", download["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<string> OpenTicketAsync(HttpClient client)
    {
        var created = await client.PostJsonAsync("/api/requests", new { procedure = "DS-UI-04", title = "El monitor parpadea" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.ReadJsonAsync())["summary"]!["number"]!.GetValue<string>();
    }

    private static async Task<JsonNode> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }
}
