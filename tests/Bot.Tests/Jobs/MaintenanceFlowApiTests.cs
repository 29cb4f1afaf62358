using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SosepBot.Bot.Tests.Api;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Jobs.Delivery;
using SosepBot.Jobs.Maintenance;

namespace SosepBot.Bot.Tests.Jobs;

/// <summary>DS-UI-03 through the service's API, with the jobs (run on demand) sending the notices and reminders.</summary>
public sealed class MaintenanceFlowApiTests : IAsyncLifetime
{
    private readonly SosepApiFactory _root = new(new Dictionary<string, string?>
    {
        ["Jobs:Enabled"] = "false",
        ["Jobs:Delivery:Enabled"] = "false",
    });

    private readonly FakeChannel _teams = new(OutboxChannel.Teams);
    private readonly FakeChannel _mail = new(OutboxChannel.Mail);
    private WebApplicationFactory<Program> _factory = null!;

    public Task InitializeAsync()
    {
        _factory = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            // The fakes replace the real channels (the host registers the mailbox's reach even without a mailbox).
            s.RemoveAll<IRecipientReach>();
            s.RemoveAll<IOutboxSender>();
            s.AddSingleton<IRecipientReach>(_teams);
            s.AddSingleton<IOutboxSender>(_teams);
            s.AddSingleton<IRecipientReach>(_mail);
            s.AddSingleton<IOutboxSender>(_mail);
        }));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _root.DisposeAsync();
    }

    [Fact]
    public async Task Calendar_DraftToArchived_ThroughApiWithNoticesRemindersAndConformity()
    {
        var (director, _) = await ClientAsync("Dora Directora", Role.ItDirector);
        var (assistant, _) = await ClientAsync("Alba Asistente", Role.Assistant);
        var (despacho, _) = await ClientAsync("Diego Despacho", Role.Despacho);
        var (technician, technicianId) = await ClientAsync("Tito Tecnico", Role.Technician);
        var (contact, contactId) = await ClientAsync("Ana Contacto");
        _teams.People[technicianId] = true;
        _mail.People[contactId] = true;

        var unit = await director.PostJsonAsync("/api/units",
            new { name = "Hogares Comunitarios", department = "Guatemala", contacts = new[] { SosepApiFactory.EmailOf("Ana Contacto") } });
        Assert.Equal(HttpStatusCode.Created, unit.StatusCode);
        var calendar = await NumberOfAsync(await director.PostJsonAsync("/api/requests",
            new { procedure = "DS-UI-03", title = "Calendarización de mantenimiento preventivo 2026" }));
        var visit = await NumberOfAsync(await director.PostJsonAsync("/api/requests", new
        {
            procedure = "DS-UI-03-VISITA",
            title = "Mantenimiento preventivo — Hogares Comunitarios",
            parentNumber = calendar,
            unit = "hogares comunitarios",
            scheduledFor = "2026-03-10T10:00:00-06:00",
            assigneeEmail = SosepApiFactory.EmailOf("Tito Tecnico"),
            requesterEmail = SosepApiFactory.EmailOf("Ana Contacto"),
        }));

        // Draft → proposed → returned with observations → draft → proposed → approved → units notified.
        Assert.Equal("Propuesto", await ActAsync(assistant, calendar, "proponer"));
        Assert.Equal("Observado", await ActAsync(despacho, calendar, "observar", new { text = "Incluir la fecha de la sede de Bienestar Social." }));
        Assert.Equal("Borrador", await ActAsync(director, calendar, "corregir"));
        Assert.Equal("Propuesto", await ActAsync(assistant, calendar, "proponer"));
        Assert.Equal("Aprobado", await ActAsync(despacho, calendar, "aprobar"));
        Assert.Equal("En ejecución", await ActAsync(assistant, calendar, "notificar-unidades"));

        // The jobs tell the unit of its visit (the visit's "notificar"), then remind it and the technician.
        await RunJobsAsync();
        Assert.Equal("Notificada", await StateAsync(director, visit));
        var notice = Assert.Single(_mail.Sent, m => m.RequestNumber == visit);
        Assert.Equal(contactId, notice.RecipientId);
        Assert.Contains("martes 10 de marzo de 2026, 10:00", notice.Text, StringComparison.Ordinal);

        _root.Time.SetUtcNow(new DateTimeOffset(2026, 3, 6, 8, 0, 0, TimeSpan.FromHours(-6)));
        await RunJobsAsync();
        Assert.Single(_mail.Sent, m => m.Kind == MaintenanceJob.UnitReminder && m.RecipientId == contactId);
        _root.Time.SetUtcNow(new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.FromHours(-6)));
        await RunJobsAsync();
        await RunJobsAsync();
        Assert.Single(_teams.Sent, m => m.Kind == MaintenanceJob.TechnicianReminder && m.RecipientId == technicianId);
        Assert.Single(_mail.Sent, m => m.Kind == MaintenanceJob.UnitReminder);

        // The visit is done, the unit's user signs conformity, the assistant archives; the calendar completes.
        _root.Time.SetUtcNow(new DateTimeOffset(2026, 3, 10, 11, 30, 0, TimeSpan.FromHours(-6)));
        Assert.Equal("Realizada", await ActAsync(technician, visit, "registrar-realizacion", new { checklist = new[] { "teclado", "mouse", "monitor", "cpu" } }));
        using (var form = new MultipartFormDataContent())
        {
            var pdf = new ByteArrayContent("%PDF-1.4\n% formulario de mantenimiento firmado\n"u8.ToArray());
            pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(pdf, "file", "formulario-mantenimiento.pdf");
            form.Add(new StringContent("FormularioMantenimiento"), "kind");
            Assert.Equal(HttpStatusCode.Created, (await contact.PostAsync(new Uri($"/api/requests/{visit}/attachments", UriKind.Relative), form)).StatusCode);
        }

        Assert.Equal("Conformidad firmada", await ActAsync(contact, visit, "entregar-conformidad"));
        Assert.Equal("Archivada", await ActAsync(assistant, visit, "archivar"));
        Assert.Equal("Completado", await ActAsync(assistant, calendar, "completar"));
        await RunJobsAsync();

        var history = (await (await director.GetAsync(new Uri($"/api/requests/{calendar}", UriKind.Relative))).ReadJsonAsync())["history"]!.AsArray();
        Assert.Equal(["proponer", "observar", "corregir", "proponer", "aprobar", "notificar-unidades", "completar"],
            history.Where(h => h!["kind"]!.GetValue<string>() == "Transition").Select(h => h!["action"]!.GetValue<string>()).ToArray());
        var contactMessages = _mail.Sent.Where(m => m.RecipientId == contactId).ToList();
        Assert.Equal(contactMessages.Count, contactMessages.Select(m => m.DedupKey).Distinct().Count());
        Assert.Contains(contactMessages, m => m.Subject.Contains("Archivada", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plans_CreateListChangeEnd_ThroughApiWithSpanishValidation()
    {
        var (director, _) = await ClientAsync("Dora Directora", Role.ItDirector);
        var (technician, _) = await ClientAsync("Tito Tecnico", Role.Technician);
        var (assistant, _) = await ClientAsync("Alba Asistente", Role.Assistant);
        var (user, _) = await ClientAsync("Ana Usuaria");
        await ClientAsync("Otro Tecnico", Role.Technician);
        var unitId = (await (await director.PostJsonAsync("/api/units", new { name = "Dirección Financiera", department = "Guatemala" })).ReadJsonAsync())["id"]!.GetValue<long>();
        var calendar = await NumberOfAsync(await director.PostJsonAsync("/api/requests", new { procedure = "DS-UI-03", title = "Calendarización 2026" }));
        var plan = new
        {
            calendarNumber = calendar,
            unitId,
            technicianEmail = SosepApiFactory.EmailOf("Tito Tecnico"),
            rule = "FREQ=MONTHLY;BYDAY=2TU",
            firstVisit = "2026-03-10T09:00:00",
            horizonDays = 45,
        };

        // Bad input: 422 with the field; a plain user: 403; nothing stored.
        var badRule = await technician.PostJsonAsync("/api/maintenance/plans", plan with { rule = "FREQ=NUNCA" });
        var badUnit = await technician.PostJsonAsync("/api/maintenance/plans", new { calendarNumber = calendar, unit = "Unidad Fantasma", technicianEmail = plan.technicianEmail, rule = plan.rule, firstVisit = plan.firstVisit });
        var forbidden = await user.PostJsonAsync("/api/maintenance/plans", plan);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "regla"), (badRule.StatusCode, (await badRule.ReadJsonAsync())["field"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "unidad"), (badUnit.StatusCode, (await badUnit.ReadJsonAsync())["field"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Empty((await (await director.GetAsync(new Uri("/api/maintenance/plans", UriKind.Relative))).ReadJsonAsync()).AsArray());

        var created = await technician.PostJsonAsync("/api/maintenance/plans", plan);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        var id = body["id"]!.GetValue<long>();
        Assert.Equal(("Dirección Financiera", unitId, calendar), (body["unit"]!.GetValue<string>(), body["unitId"]!.GetValue<long>(), body["calendarNumber"]!.GetValue<string>()));

        await RunJobsAsync();
        var listed = Assert.Single((await (await assistant.GetAsync(new Uri("/api/maintenance/plans?active=true", UriKind.Relative))).ReadJsonAsync()).AsArray())!;
        Assert.Equal(2, listed["visitsCreated"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync(new Uri("/api/maintenance/plans", UriKind.Relative))).StatusCode);

        var changed = await assistant.PutAsJsonAsync($"/api/maintenance/plans/{id}", new { technicianEmail = SosepApiFactory.EmailOf("Otro Tecnico"), horizonDays = 90 }, ApiJson.Options);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal((SosepApiFactory.EmailOf("Otro Tecnico"), 90), ((await changed.ReadJsonAsync())["technician"]!["email"]!.GetValue<string>(), 90));
        var badHorizon = await assistant.PutAsJsonAsync($"/api/maintenance/plans/{id}", new { horizonDays = 0 }, ApiJson.Options);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "horizonte"), (badHorizon.StatusCode, (await badHorizon.ReadJsonAsync())["field"]!.GetValue<string>()));

        var ended = await director.PostJsonAsync($"/api/maintenance/plans/{id}/end", new { });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.False((await ended.ReadJsonAsync())["isActive"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Conflict, (await director.PostJsonAsync($"/api/maintenance/plans/{id}/end", new { })).StatusCode);
        Assert.Empty((await (await director.GetAsync(new Uri("/api/maintenance/plans?active=true", UriKind.Relative))).ReadJsonAsync()).AsArray());
    }

    private async Task RunJobsAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MaintenanceJob>().RunAsync(default);
        await _factory.Services.GetRequiredService<OutboxPump>().PassAsync(default);
    }

    private async Task<(HttpClient Client, long Id)> ClientAsync(string name, params Role[] roles)
    {
        var email = SosepApiFactory.EmailOf(name);
        await using var scope = _factory.Services.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<PeopleService>();
        var person = await people.UpsertAsync(new PersonInput { Email = email, DisplayName = name, Roles = roles.Select(r => r.ToString()).ToList() }, default);
        var key = await people.IssueApiKeyAsync(email, "tests", default);
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Key);
        return (client, person.Id);
    }

    private static async Task<string> NumberOfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync())["summary"]!["number"]!.GetValue<string>();
    }

    private static async Task<string> ActAsync(HttpClient client, string number, string action, object? body = null)
    {
        var response = await client.PostJsonAsync($"/api/requests/{number}/actions/{action}", body ?? new { });
        var json = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {json.ToJsonString()}");
        return json["summary"]!["state"]!.GetValue<string>();
    }

    private static async Task<string> StateAsync(HttpClient client, string number) =>
        (await (await client.GetAsync(new Uri($"/api/requests/{number}", UriKind.Relative))).ReadJsonAsync())["summary"]!["state"]!.GetValue<string>();
}
