using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Bot.Tests.Api;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Scheduled;
using SosepBot.Web.Console;
using static SosepBot.Bot.Tests.Web.ConsolePagesTests;

namespace SosepBot.Bot.Tests.Web;

/// <summary>«Calendario» (DS-UI-03) through the real host: the month's visits by day, its filters, the months around it, who may see it.</summary>
public sealed class ConsoleCalendarPageTests
{
    [Fact]
    public async Task Calendario_StaffSeesTheMonthsVisits_FiltersNarrowThem_LateVisitsAreMarked()
    {
        await using var factory = new SosepApiFactory();
        var seeded = await SeedAsync(factory);
        using var jefe = await SignedInAsync(factory, "Rosa Díaz", Role.InfraHead);

        var march = await PageAsync(jefe, "/calendario?mes=2026-03");
        var current = await PageAsync(jefe, "/calendario"); // the factory's clock: Monday 2026-03-02 09:00 in Guatemala
        var byUnit = await PageAsync(jefe, $"/calendario?mes=2026-03&unidad={seeded.Financiera}");
        var byTechnician = await PageAsync(jefe, $"/calendario?mes=2026-03&tecnico={seeded.Otro}");
        var april = await PageAsync(jefe, "/calendario?mes=2026-04");

        Assert.Contains("<a href=\"/calendario\" aria-current=\"page\">Calendario</a>", march, StringComparison.Ordinal);
        Assert.Contains("<caption>Visitas de marzo de 2026, por día</caption>", march, StringComparison.Ordinal);
        foreach (var number in new[] { seeded.Early, seeded.Tenth, seeded.LastNight })
        {
            Assert.Contains($"<a href=\"/solicitudes/{number}\">{number}</a>", march, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(seeded.April, march, StringComparison.Ordinal);
        Assert.True(march.IndexOf("lunes 2 de marzo", StringComparison.Ordinal) < march.IndexOf("martes 10 de marzo", StringComparison.Ordinal));
        Assert.Contains("martes 31 de marzo", march, StringComparison.Ordinal);
        Assert.Contains("<td data-etiqueta=\"Hora\">23:30</td>", march, StringComparison.Ordinal);
        Assert.Contains("<td data-etiqueta=\"Técnico\">Otro Tecnico</td>", march, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(march, "<tr class=\"atrasada\">"));
        Assert.Contains("<li><strong>3</strong> visitas</li>", march, StringComparison.Ordinal);
        Assert.Contains("<li><strong>1</strong> atrasada</li>", march, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/solicitudes/{seeded.Calendar}\">{seeded.Calendar}</a>", march, StringComparison.Ordinal);
        Assert.Contains("<td data-etiqueta=\"Visitas\">4</td>", march, StringComparison.Ordinal);
        Assert.Contains("href=\"/calendario?mes=2026-02\"", march, StringComparison.Ordinal);
        Assert.Contains("href=\"/calendario?mes=2026-04\"", march, StringComparison.Ordinal);
        Assert.Contains("Visitas de marzo de 2026", current, StringComparison.Ordinal);
        Assert.Contains("<td data-etiqueta=\"Regla\"><code>FREQ=MONTHLY;INTERVAL=6</code></td>", march, StringComparison.Ordinal);
        Assert.Contains("<td data-etiqueta=\"Primera visita\">10/03/2026 10:00</td>", byUnit, StringComparison.Ordinal);
        Assert.Contains("<td data-etiqueta=\"Vigente\">No</td>", byUnit, StringComparison.Ordinal);
        Assert.Contains("No hay planes de visitas recurrentes", byTechnician, StringComparison.Ordinal);

        Assert.Contains(seeded.Early, byUnit, StringComparison.Ordinal);
        Assert.Contains(seeded.Tenth, byUnit, StringComparison.Ordinal);
        Assert.DoesNotContain(seeded.LastNight, byUnit, StringComparison.Ordinal);
        Assert.Contains($"href=\"/calendario?unidad={seeded.Financiera}&mes=2026-04\"", byUnit, StringComparison.Ordinal);
        Assert.Contains(seeded.LastNight, byTechnician, StringComparison.Ordinal);
        Assert.DoesNotContain(seeded.Tenth, byTechnician, StringComparison.Ordinal);
        Assert.Contains(seeded.April, april, StringComparison.Ordinal);
        Assert.DoesNotContain(seeded.Tenth, april, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("marzo")]
    public async Task Calendario_BadMonth_IsASpanish400(string month)
    {
        await using var factory = new SosepApiFactory();
        using var jefe = await SignedInAsync(factory, "Rosa Díaz", Role.InfraHead);

        using var page = await jefe.GetAsync(new Uri($"/calendario?mes={month}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains($"<div class=\"aviso error\" role=\"alert\">{WebTexts.BadMonth(month)}</div>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<caption>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calendario_PlainUser_GetsTheSpanish403_AndNoLink()
    {
        await using var factory = new SosepApiFactory();
        using var luis = await SignedInAsync(factory, "Luis Gómez");

        using var page = await luis.GetAsync(new Uri("/calendario?mes=2026-03", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("solo para el personal de la Unidad de Informática", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/calendario\"", await luis.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
    }

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        using var page = await client.GetAsync(new Uri(url, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, html);
        return WebUtility.HtmlDecode(html);
    }

    /// <summary>
    /// A calendar with four visits: March 2 at 08:00 (before the clock's 09:00, still «Programada»: late), March 10, March 31
    /// at 23:30 (April 1 in UTC) and April 2; and an ended plan of the Dirección Financiera.
    /// </summary>
    private static async Task<Seeded> SeedAsync(SosepApiFactory factory)
    {
        using var director = await factory.ClientForAsync("Marta Ruiz", Role.ItDirector);
        (await factory.ClientForAsync("Tito Tecnico", Role.Technician)).Dispose();
        (await factory.ClientForAsync("Otro Tecnico", Role.Technician)).Dispose();
        var financiera = (await (await director.PostJsonAsync("/api/units", new { name = "Dirección Financiera", department = "Guatemala" })).ReadJsonAsync())["id"]!.GetValue<long>();
        var hogares = await director.PostJsonAsync("/api/units", new { name = "Hogares Comunitarios", department = "Guatemala" });
        Assert.Equal(HttpStatusCode.Created, hogares.StatusCode);
        var calendar = await NumberAsync(director, new { procedure = "DS-UI-03", title = "Calendarización de mantenimiento preventivo 2026" });

        Task<string> Visit(string unit, string technician, string at) => NumberAsync(director, new
        {
            procedure = "DS-UI-03-VISITA",
            title = $"Mantenimiento preventivo — {unit}",
            parentNumber = calendar,
            unit,
            scheduledFor = at,
            assigneeEmail = SosepApiFactory.EmailOf(technician),
        });

        var early = await Visit("Dirección Financiera", "Tito Tecnico", "2026-03-02T08:00:00-06:00");
        var tenth = await Visit("Dirección Financiera", "Tito Tecnico", "2026-03-10T10:00:00-06:00");
        var lastNight = await Visit("Hogares Comunitarios", "Otro Tecnico", "2026-03-31T23:30:00-06:00");
        var april = await Visit("Hogares Comunitarios", "Tito Tecnico", "2026-04-02T09:00:00-06:00");
        await using var scope = factory.Services.CreateAsyncScope();
        var otro = await scope.ServiceProvider.GetRequiredService<PeopleService>().FindByEmailAsync(SosepApiFactory.EmailOf("Otro Tecnico"), default);
        var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
        var tito = await db.People.Where(p => p.Email == SosepApiFactory.EmailOf("Tito Tecnico")).Select(p => p.Id).SingleAsync();
        db.MaintenancePlans.Add(new MaintenancePlan
        {
            CalendarId = await db.Requests.Where(r => r.Number == calendar).Select(r => r.Id).SingleAsync(),
            Unit = "Dirección Financiera",
            UnitId = financiera,
            ContactId = tito,
            TechnicianId = tito,
            CreatedById = tito,
            Rule = "FREQ=MONTHLY;INTERVAL=6",
            FirstVisitLocal = new DateTime(2026, 3, 10, 10, 0, 0),
            IsActive = false, // ended: the maintenance job creates no visits from it while the test runs
            CreatedAt = factory.Time.GetUtcNow(),
        });
        await db.SaveChangesAsync();
        return new Seeded(calendar, financiera, otro!.Id, early, tenth, lastNight, april);
    }

    private static async Task<string> NumberAsync(HttpClient client, object body)
    {
        using var created = await client.PostJsonAsync("/api/requests", body);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.ReadJsonAsync())["summary"]!["number"]!.GetValue<string>();
    }

    private sealed record Seeded(string Calendar, long Financiera, long Otro, string Early, string Tenth, string LastNight, string April);
}
