using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SosepBot.Core.People;
using static SosepBot.Bot.Tests.Web.ConsolePagesTests;

namespace SosepBot.Bot.Tests.Web;

/// <summary>«Solicitudes»: its filters, word search, order and export, and the same filters on GET /api/requests.</summary>
public sealed class ConsoleListPagesTests
{
    [Fact]
    public async Task Solicitudes_WordsOfDescriptionAndComments_AreFoundWithoutAccentsOrCase()
    {
        await using var factory = new SosepApiFactory();
        using var ana = await factory.ClientForAsync("Ana Pérez");
        var described = await OpenAsync(ana, "Pantalla", "La PANTALLA parpadea después de la actualización");
        var commented = await OpenTicketAsync(ana, "Sin red");
        (await ana.PostAsJsonAsync($"/api/requests/{commented}/comments", new { text = "Cambié el cable y sigue sin conexión" })).EnsureSuccessStatusCode();
        using var jefe = await SignedInAsync(factory, "Rosa Díaz", Role.InfraHead);

        var byDescription = await jefe.GetStringAsync(new Uri("/solicitudes?q=actualizacion", UriKind.Relative));
        var byComment = await jefe.GetStringAsync(new Uri("/solicitudes?q=CAMBIE+conexion", UriKind.Relative));

        Assert.Contains(described, byDescription, StringComparison.Ordinal);
        Assert.DoesNotContain(commented, byDescription, StringComparison.Ordinal);
        Assert.Contains(commented, byComment, StringComparison.Ordinal);
        Assert.DoesNotContain(described, byComment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Solicitudes_SortedOldestFirstAndPaged_FollowTheChosenOrder()
    {
        await using var factory = new SosepApiFactory();
        using var ana = await factory.ClientForAsync("Ana Pérez");
        var first = await OpenTicketAsync(ana, "Primera");
        factory.Time.Advance(TimeSpan.FromHours(1));
        var second = await OpenTicketAsync(ana, "Segunda");
        using var jefe = await SignedInAsync(factory, "Rosa Díaz", Role.InfraHead);

        var newest = await jefe.GetStringAsync(new Uri("/solicitudes", UriKind.Relative));
        var oldest = await jefe.GetStringAsync(new Uri("/solicitudes?orden=apertura&dir=asc", UriKind.Relative));

        Assert.True(newest.IndexOf(second, StringComparison.Ordinal) < newest.IndexOf(first, StringComparison.Ordinal));
        Assert.True(oldest.IndexOf(first, StringComparison.Ordinal) < oldest.IndexOf(second, StringComparison.Ordinal));
        Assert.Contains("<option value=\"apertura\" selected=\"selected\">", oldest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("desde=2026-03-05&hasta=2026-03-01", "La fecha inicial es posterior")]
    [InlineData("desde=05/03/2026", "no es válida")]
    [InlineData("orden=prioridad", "No se puede ordenar por «prioridad»")]
    [InlineData("unidad=abc", "La unidad elegida no existe")]
    public async Task Solicitudes_BadFilter_IsASpanishMessageAndNoList(string query, string message)
    {
        await using var factory = new SosepApiFactory();
        using var ana = await factory.ClientForAsync("Ana Pérez");
        var number = await OpenTicketAsync(ana, "Impresora");
        using var jefe = await SignedInAsync(factory, "Rosa Díaz", Role.InfraHead);

        var page = await jefe.GetAsync(new Uri($"/solicitudes?{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(number, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Solicitudes_CreatedBetween_KeepsThoseDays()
    {
        await using var factory = new SosepApiFactory();
        using var ana = await factory.ClientForAsync("Ana Pérez");
        var early = await OpenTicketAsync(ana, "Primera");
        factory.Time.Advance(TimeSpan.FromDays(3));
        var late = await OpenTicketAsync(ana, "Segunda");
        var lateDay = TimeZoneInfo.ConvertTime(factory.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("America/Guatemala")).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var jefe = await SignedInAsync(factory, "Rosa Díaz", Role.InfraHead);

        var page = await jefe.GetStringAsync(new Uri($"/solicitudes?desde={lateDay}&hasta={lateDay}", UriKind.Relative));

        Assert.Contains(late, page, StringComparison.Ordinal);
        Assert.DoesNotContain(early, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exportar_DirectorAndAdministrator_GetTheWorkbook_OtherStaffA403WithoutTheLink()
    {
        await using var factory = new SosepApiFactory();
        using var ana = await factory.ClientForAsync("Ana Pérez");
        await OpenTicketAsync(ana, "Impresión dañada");
        using var director = await SignedInAsync(factory, "Marta Ruiz", Role.ItDirector);
        using var admin = await SignedInAsync(factory, "Omar Admin", Role.Administrator);
        using var jefe = await SignedInAsync(factory, "Rosa Díaz", Role.InfraHead);

        var list = await director.GetStringAsync(new Uri("/solicitudes?q=impresion&abiertas=true", UriKind.Relative));
        var byDirector = await director.GetAsync(new Uri("/solicitudes?q=impresion&abiertas=true&handler=exportar", UriKind.Relative));
        var byAdmin = await admin.GetAsync(new Uri("/solicitudes?handler=exportar", UriKind.Relative));
        var byJefe = await jefe.GetAsync(new Uri("/solicitudes?handler=exportar", UriKind.Relative));

        Assert.Contains("handler=exportar", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byDirector.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", byDirector.Content.Headers.ContentType!.MediaType);
        Assert.True((await byDirector.Content.ReadAsByteArrayAsync()).Length > 1000);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byJefe.StatusCode);
        Assert.Contains("exportan el listado", await byJefe.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("handler=exportar", await jefe.GetStringAsync(new Uri("/solicitudes", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiList_SearchSortAndDates_AreCoresFilter()
    {
        await using var factory = new SosepApiFactory();
        using var ana = await factory.ClientForAsync("Ana Pérez");
        var printer = await OpenTicketAsync(ana, "Impresión dañada");
        var phone = await OpenTicketAsync(ana, "Teléfono sin tono");
        using var jefe = await factory.ClientForAsync("Rosa Díaz", Role.InfraHead);

        var found = JsonNode.Parse(await jefe.GetStringAsync(new Uri("/api/requests?q=IMPRESION", UriKind.Relative)))!.AsArray();
        var sorted = JsonNode.Parse(await jefe.GetStringAsync(new Uri("/api/requests?sort=opened&asc=true", UriKind.Relative)))!.AsArray();
        var badDay = await jefe.GetAsync(new Uri("/api/requests?from=ayer", UriKind.Relative));

        Assert.Equal(new[] { printer }, found.Select(r => r!["number"]!.GetValue<string>()));
        Assert.Equal(new[] { printer, phone }, sorted.Select(r => r!["number"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badDay.StatusCode);
        Assert.Contains("no es válida", await badDay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> OpenAsync(HttpClient client, string title, string description)
    {
        var created = await client.PostAsJsonAsync("/api/requests", new { procedure = "DS-UI-04", title, description });
        created.EnsureSuccessStatusCode();
        return JsonNode.Parse(await created.Content.ReadAsStringAsync())!["summary"]!["number"]!.GetValue<string>();
    }
}
