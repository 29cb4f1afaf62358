using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SosepBot.Bot.Tests.Jobs;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;

namespace SosepBot.Bot.Tests.Api;

/// <summary>/api/jobs: the IT director and administrators list the scheduled jobs and run one now; nobody else.</summary>
public sealed class JobsApiTests : IAsyncLifetime
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
            s.RemoveAll<IRecipientReach>();
            s.RemoveAll<IOutboxSender>();
            s.AddSingleton<IRecipientReach>(_teams);
            s.AddSingleton<IRecipientReach>(_mail);
        }));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _root.DisposeAsync();
    }

    [Fact]
    public async Task Jobs_Technician_IsRefusedInSpanish_AndNothingRuns()
    {
        await DirectorAsync();
        var technician = await ClientAsync("Tito Tecnico", Role.Technician, Role.InfraHead);

        var list = await technician.GetAsync(new Uri("/api/jobs", UriKind.Relative));
        var run = await technician.PostAsync(new Uri("/api/jobs/resumen-diario/run", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, run.StatusCode);
        Assert.Equal("Solo el Director de la Unidad de Informática y los administradores del servicio consultan y ejecutan las tareas programadas.",
            (await run.ReadJsonAsync())["detail"]!.GetValue<string>());
        Assert.Equal(0, await OutboxCountAsync());
    }

    [Theory]
    [InlineData("mantenimiento-preventivo", "mantenimiento-preventivo: 0 visitas creadas, 0 unidades notificadas, 0 recordatorios")]
    [InlineData("escalamientos", "escalamientos: 0 avisos")]
    [InlineData("resumen-diario", "resumen-diario: enviado a 1 persona (2 mensajes)")]
    [InlineData("resumen-semanal", "resumen-semanal: enviado a 1 persona (2 mensajes)")]
    [InlineData("limpieza-de-archivos", "limpieza-de-archivos: 0 archivos sin uso eliminados")]
    [InlineData("vaciado-de-copias", "vaciado-de-copias: 0 copias vaciadas")]
    public async Task Run_Director_RunsTheJobNowAndSaysWhatItDid(string job, string summary)
    {
        var director = await DirectorAsync();

        var response = await director.PostAsync(new Uri($"/api/jobs/{job}/run", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(job, body["job"]!.GetValue<string>());
        Assert.Equal("Done", body["status"]!.GetValue<string>());
        Assert.Equal(summary, body["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunDigest_SecondTimeTheSameDay_IsRefusedExplicitly_AndResentOnlyWhenAsked()
    {
        var director = await DirectorAsync();
        var first = await director.PostAsync(new Uri("/api/jobs/resumen-diario/run", UriKind.Relative), null);
        _root.Time.Advance(TimeSpan.FromHours(1));

        var again = await director.PostAsync(new Uri("/api/jobs/resumen-diario/run", UriKind.Relative), null);
        var countAfterRefusal = await OutboxCountAsync();
        var byQuery = await director.PostAsync(new Uri("/api/jobs/resumen-diario/run?reenviar=true", UriKind.Relative), null);
        _root.Time.Advance(TimeSpan.FromMinutes(5));
        var byBody = await director.PostJsonAsync("/api/jobs/resumen-diario/run", new { resend = true });
        var notAsked = await director.PostJsonAsync("/api/jobs/resumen-diario/run", new { resend = false });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, (await first.ReadJsonAsync())["counts"]!["people"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var refusal = await again.ReadJsonAsync();
        Assert.Equal("AlreadySent", refusal["code"]!.GetValue<string>());
        Assert.StartsWith("El resumen diario de hoy ya se envió el lunes 2 de marzo de 2026 a las 09:00; use reenviar=true",
            refusal["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, countAfterRefusal);
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
        Assert.Equal("resumen-diario: reenviado a 1 persona (2 mensajes)", (await byQuery.ReadJsonAsync())["summary"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, byBody.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, notAsked.StatusCode);
        Assert.Contains("a las 10:05", (await notAsked.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(6, await OutboxCountAsync());
    }

    [Fact]
    public async Task List_Administrator_SeesEveryJobWithItsScheduleAndLastDigest()
    {
        var director = await DirectorAsync();
        var admin = await ClientAsync("Adan Admin", Role.Administrator);
        await director.PostAsync(new Uri("/api/jobs/resumen-semanal/run", UriKind.Relative), null);

        var response = await admin.GetAsync(new Uri("/api/jobs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var jobs = (await response.ReadJsonAsync()).AsArray();
        Assert.Equal(
            ["mantenimiento-preventivo", "escalamientos", "resumen-diario", "resumen-semanal", "sus-pendientes", "limpieza-de-archivos", "vaciado-de-copias"],
            jobs.Select(j => j!["name"]!.GetValue<string>()).ToArray());
        var weekly = jobs.Single(j => j!["name"]!.GetValue<string>() == "resumen-semanal")!;
        Assert.Equal("30 7 * * 1", weekly["cron"]!.GetValue<string>());
        Assert.Equal("Jobs:Digest:WeeklyCron", weekly["cronSetting"]!.GetValue<string>());
        Assert.Equal(_root.Time.GetUtcNow(), weekly["lastSent"]!.GetValue<DateTimeOffset>());
        Assert.Null(jobs.Single(j => j!["name"]!.GetValue<string>() == "resumen-diario")!["lastSent"]);
    }

    [Theory]
    [InlineData("/api/jobs/resumen-mensual/run", HttpStatusCode.NotFound, "No existe la tarea «resumen-mensual». Las tareas son: mantenimiento-preventivo, escalamientos")]
    [InlineData("/api/jobs/escalamientos/run?reenviar=true", HttpStatusCode.UnprocessableEntity, "reenviar solo vale para resumen-diario y resumen-semanal")]
    public async Task Run_UnknownJobOrResendWithoutDigest_IsRefusedInSpanish(string url, HttpStatusCode status, string detail)
    {
        var director = await DirectorAsync();

        var response = await director.PostAsync(new Uri(url, UriKind.Relative), null);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(detail, (await response.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await OutboxCountAsync());
    }

    private async Task<HttpClient> DirectorAsync()
    {
        var (client, id) = await ClientWithIdAsync("Dora Directora", Role.ItDirector);
        _teams.People[id] = true;
        _mail.People[id] = true;
        return client;
    }

    private async Task<HttpClient> ClientAsync(string name, params Role[] roles) => (await ClientWithIdAsync(name, roles)).Client;

    private async Task<(HttpClient Client, long Id)> ClientWithIdAsync(string name, params Role[] roles)
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

    private async Task<int> OutboxCountAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SosepDbContext>().OutboxMessages.CountAsync();
    }
}
