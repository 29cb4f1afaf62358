using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Dashboard;
using SosepBot.Core.People;
using SosepBot.Core.SignIn;

namespace SosepBot.Bot.Tests.Web;

/// <summary>The console's pages through the real host in process: what they show from Core.</summary>
public sealed class ConsolePagesTests
{
    [Fact]
    public async Task Pendientes_OverdueTicket_IsShownInRedWithTheBusinessTimeOverdue()
    {
        await using var factory = new SosepApiFactory(new Dictionary<string, string?> { ["Web:IdleTimeout"] = "12:00:00" });
        using var ana = await factory.ClientForAsync("Ana Pérez");
        var number = await OpenTicketAsync(ana, "El monitor parpadea");
        using var jefe = await SignedInAsync(factory, "Rosa Díaz", Role.InfraHead);

        var fresh = await jefe.GetStringAsync(new Uri("/", UriKind.Relative));
        factory.Time.Advance(TimeSpan.FromHours(6)); // 09:00 + 6 h: the 4 business hours of «Abierto» ran out at 13:00
        var late = await jefe.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains(number, fresh, StringComparison.Ordinal);
        Assert.Contains("quedan 4 h 0 min hábiles", fresh, StringComparison.Ordinal);
        Assert.Contains("class=\"vencida-item\"", late, StringComparison.Ordinal);
        Assert.Contains("vencida hace 2 h 0 min hábiles", late, StringComparison.Ordinal);
        Assert.Contains("(1 vencida)", late, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pendientes_MoreThanAPage_ArePagedMostUrgentFirst_AndCountedInAll()
    {
        await using var factory = new SosepApiFactory(new Dictionary<string, string?> { ["Web:IdleTimeout"] = "12:00:00" });
        using var ana = await factory.ClientForAsync("Ana Pérez");
        var numbers = new List<string>();
        for (var i = 1; i <= 53; i++)
        {
            numbers.Add(await OpenTicketAsync(ana, $"Falla número {i}"));
            factory.Time.Advance(TimeSpan.FromMinutes(1));
        }

        using var jefe = await SignedInAsync(factory, "Rosa Díaz", Role.InfraHead);

        var first = await jefe.GetStringAsync(new Uri("/", UriKind.Relative));
        var second = await jefe.GetStringAsync(new Uri("/?pagina=2", UriKind.Relative));
        var past = await jefe.GetStringAsync(new Uri("/?pagina=9", UriKind.Relative));

        Assert.Contains("Solicitudes que esperan por usted (53)", first, StringComparison.Ordinal);
        Assert.Contains("<strong>53</strong> DS-UI-04", first, StringComparison.Ordinal);
        Assert.Contains("Página 1 de 2", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/?pagina=2#lista\"", first, StringComparison.Ordinal);
        Assert.Equal(50, Regex.Count(first, "class=\"titulo\""));
        Assert.Contains(numbers[0], first, StringComparison.Ordinal);   // the earliest time limit first
        Assert.DoesNotContain(numbers[^1], first, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(second, "class=\"titulo\""));
        Assert.Contains(numbers[^1], second, StringComparison.Ordinal);
        Assert.Contains("href=\"/\">« Anterior", second, StringComparison.Ordinal);
        Assert.Contains("Página 2 de 2", past, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Solicitud_UnknownNumber_IsASpanish404Page()
    {
        await using var factory = new SosepApiFactory();
        using var jefe = await SignedInAsync(factory, "Rosa Díaz", Role.InfraHead);

        var page = await jefe.GetAsync(new Uri("/solicitudes/UI-2026-09999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("No encontrado", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Solicitudes_SearchByNumber_OpensTheRequest_AndWordsIgnoreAccentsAndCase()
    {
        await using var factory = new SosepApiFactory();
        using var ana = await factory.ClientForAsync("Ana Pérez");
        var number = await OpenTicketAsync(ana, "No funciona el teléfono");
        await OpenTicketAsync(ana, "La impresora no imprime");
        using var jefe = await SignedInAsync(factory, "Rosa Díaz", Role.InfraHead);

        var byNumber = await jefe.GetAsync(new Uri($"/solicitudes?q={number.ToLowerInvariant()}", UriKind.Relative));
        var byWords = await jefe.GetStringAsync(new Uri("/solicitudes?q=TELEFONO", UriKind.Relative));

        Assert.Equal($"/solicitudes/{number}", byNumber.Headers.Location?.OriginalString);
        Assert.Contains(number, byWords, StringComparison.Ordinal);
        Assert.DoesNotContain("La impresora no imprime", byWords, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Solicitud_PlainUserOfAnotherPersonsTicket_IsNotFound()
    {
        await using var factory = new SosepApiFactory();
        using var ana = await factory.ClientForAsync("Ana Pérez");
        var number = await OpenTicketAsync(ana, "El monitor parpadea");
        using var luis = await SignedInAsync(factory, "Luis Gómez");

        Assert.Equal(HttpStatusCode.NotFound, (await luis.GetAsync(new Uri($"/solicitudes/{number}", UriKind.Relative))).StatusCode);
        Assert.DoesNotContain(number, await luis.GetStringAsync(new Uri("/solicitudes", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nueva_PlainUser_OpensATicketAndLandsOnItsPage()
    {
        await using var factory = new SosepApiFactory();
        using var ana = await SignedInAsync(factory, "Ana Pérez");
        var form = await ana.GetStringAsync(new Uri("/solicitudes/nueva", UriKind.Relative));

        var posted = await ana.PostAsync(new Uri("/solicitudes/nueva", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("procedimiento", "DS-UI-04"), new("title", "No enciende la computadora"), new("description", "Desde esta mañana."),
            new("__RequestVerificationToken", LoginLinkTests.AntiforgeryToken(form)),
        ]));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/solicitudes/UI-2026-00001", posted.Headers.Location?.OriginalString);
        var page = await ana.GetStringAsync(new Uri("/solicitudes/UI-2026-00001", UriKind.Relative));
        Assert.Contains("Se abrió la solicitud UI-2026-00001.", page, StringComparison.Ordinal);
        Assert.Contains("por la consola web", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Recibida por teléfono", form, StringComparison.Ordinal); // staff only
    }

    [Fact]
    public async Task Nueva_WithoutTitle_IsRefusedInSpanishAndKeepsTheForm()
    {
        await using var factory = new SosepApiFactory();
        using var ana = await SignedInAsync(factory, "Ana Pérez");
        var form = await ana.GetStringAsync(new Uri("/solicitudes/nueva", UriKind.Relative));

        var posted = await ana.PostAsync(new Uri("/solicitudes/nueva", UriKind.Relative), new FormUrlEncodedContent(
            [new("procedimiento", "DS-UI-04"), new("title", " "), new("description", "Sin título"), new("__RequestVerificationToken", LoginLinkTests.AntiforgeryToken(form))]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains(">Sin título</textarea>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tablero_Director_SeesChartsAndTables_OthersGetTheSpanish403()
    {
        await using var factory = new SosepApiFactory(new Dictionary<string, string?> { ["Web:IdleTimeout"] = "12:00:00" });
        using var ana = await factory.ClientForAsync("Ana Pérez");
        var number = await OpenTicketAsync(ana, "El monitor parpadea");
        using var director = await SignedInAsync(factory, "Marta Ruiz", Role.ItDirector);
        using var luis = await SignedInAsync(factory, "Luis Gómez");
        using var tecnico = await SignedInAsync(factory, "Tito Técnico", Role.Technician);
        factory.Time.Advance(TimeSpan.FromHours(6)); // the 4 business hours of «Abierto» ran out at 13:00

        var page = WebUtility.HtmlDecode(await director.GetStringAsync(new Uri("/tablero", UriKind.Relative)));

        Assert.Contains("<h1>Tablero del director</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/tablero\" aria-current=\"page\">Tablero del director</a>", page, StringComparison.Ordinal);
        Assert.Contains($"alt=\"{DashboardTexts.WeeklyChartAlt(12, 1, 0)}\"", page, StringComparison.Ordinal);
        Assert.Contains($"alt=\"{DashboardTexts.BacklogChartAlt(1, 1)}\"", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">02/03/2026</th><td>1</td><td>0</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><td>DS-UI-04 Soporte técnico</td><td>Abierto</td><td>1</td><td class=\"vencida\">1</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains($"{number} · El monitor parpadea", page, StringComparison.Ordinal);
        Assert.Contains("vencida hace 2 horas hábiles", page, StringComparison.Ordinal);
        Assert.Contains(DashboardTexts.NothingClosed, page, StringComparison.Ordinal);

        var charts = Regex.Matches(page, "<img class=\"grafica\" src=\"(?<src>[^\"]+)\"").Select(m => m.Groups["src"].Value).ToList();
        Assert.Equal(2, charts.Count);
        foreach (var src in charts)
        {
            using var png = await director.GetAsync(new Uri(src, UriKind.Relative));
            Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
            var bytes = await png.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
            Assert.Equal((720, 360), (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20))));
        }

        using var svg = await director.GetAsync(new Uri(charts[0] + "&formato=svg", UriKind.Relative));
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await director.GetAsync(new Uri("/tablero?handler=Grafica&nombre=otra", UriKind.Relative))).StatusCode);

        foreach (var other in new[] { luis, tecnico })
        {
            using var refused = await other.GetAsync(new Uri("/tablero", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains(DashboardTexts.OnlyDirector, WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(new Uri(charts[0], UriKind.Relative))).StatusCode);
            Assert.DoesNotContain("href=\"/tablero\"", await other.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
        }
    }

    internal static async Task<string> OpenTicketAsync(HttpClient client, string title)
    {
        var created = await client.PostAsJsonAsync("/api/requests", new { procedure = "DS-UI-04", title });
        created.EnsureSuccessStatusCode();
        return JsonNode.Parse(await created.Content.ReadAsStringAsync())!["summary"]!["number"]!.GetValue<string>();
    }

    internal static async Task<HttpClient> SignedInAsync(SosepApiFactory factory, string name, params Role[] roles)
    {
        string token;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PeopleService>().UpsertAsync(
                new PersonInput { Email = SosepApiFactory.EmailOf(name), DisplayName = name, Roles = roles.Select(r => r.ToString()).ToList() }, default);
            token = (await scope.ServiceProvider.GetRequiredService<LoginLinkService>().IssueAsync(SosepApiFactory.EmailOf(name), default)).Token;
        }

        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync(new Uri($"/entrar?t={token}", UriKind.Relative));
        var signedIn = await client.PostAsync(new Uri("/entrar", UriKind.Relative), new FormUrlEncodedContent(
            [new("t", token), new("__RequestVerificationToken", LoginLinkTests.AntiforgeryToken(page))]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }
}
