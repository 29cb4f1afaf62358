using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;

namespace SosepBot.Bot.Tests.Web;

/// <summary>
/// «Nueva solicitud» with a procedure's form (DS-UI-07, DI-Frm_003): the inputs are Core's RequestForm (the Teams card's),
/// the CUI and NIT are checked as typed by the page's «Comprobar» handler with Core's rule, and again on the server when
/// the form is sent; a refusal keeps what was typed, marks the field and opens nothing.
/// </summary>
public sealed class ConsoleNewRequestFormTests
{
    private const string ValidCui = "2470945600101";
    private const string WrongCheckDigitCui = "2470945610101";

    [Fact]
    public async Task Nueva_AccountForm_ShowsItsFields_ChecksTheCuiAsTyped_RefusesAWrongOne_OpensWithARightOne()
    {
        await using var factory = new SosepApiFactory();
        using var dora = await ConsolePagesTests.SignedInAsync(factory, "Dora Méndez", Role.UnitDirector); // who fills DI-Frm_003

        var page = await dora.GetStringAsync(new Uri("/solicitudes/nueva?procedimiento=DS-UI-07", UriKind.Relative));
        foreach (var id in new[] { "changeKind", "firstNames", "lastNames", "cui", "nit", "directorOrHead", "internetAccess", "justification" })
        {
            Assert.Contains($"id=\"{id}\"", page, StringComparison.Ordinal);
        }

        Assert.Contains("data-comprobar=\"cui\"", page, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/consola.js\" defer></script>", page, StringComparison.Ordinal);

        // As typed: Core's answer, in Spanish.
        var wrong = JsonNode.Parse(await dora.GetStringAsync(new Uri($"/solicitudes/nueva?handler=Comprobar&campo=cui&valor={WrongCheckDigitCui}", UriKind.Relative)))!;
        Assert.False(wrong["ok"]!.GetValue<bool>());
        Assert.Equal("El CUI no es válido: el dígito verificador no corresponde.", wrong["mensaje"]!.GetValue<string>());
        var right = JsonNode.Parse(await dora.GetStringAsync(new Uri($"/solicitudes/nueva?handler=Comprobar&campo=nit&valor=1234567-9", UriKind.Relative)))!;
        Assert.True(right["ok"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.BadRequest, (await dora.GetAsync(new Uri("/solicitudes/nueva?handler=Comprobar&campo=otro&valor=1", UriKind.Relative))).StatusCode);

        // Sent with a wrong CUI: refused by the server, nothing opened, what was typed kept and the field marked.
        var refused = await dora.PostAsync(new Uri("/solicitudes/nueva", UriKind.Relative), Form(page, WrongCheckDigitCui));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("El CUI no es válido: el dígito verificador no corresponde.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Carla Sofía\"", html, StringComparison.Ordinal);
        Assert.Matches("id=\"cui\"[^>]*aria-invalid=\"true\"", html);
        Assert.Equal(0, await CountAsync(factory));

        // With a right one: opened with its form, by the console.
        var opened = await dora.PostAsync(new Uri("/solicitudes/nueva", UriKind.Relative), Form(page, ValidCui));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/solicitudes/UI-2026-00001", opened.Headers.Location?.OriginalString);
        await using var scope = factory.Services.CreateAsyncScope();
        var request = await scope.ServiceProvider.GetRequiredService<SosepDbContext>().Requests.AsNoTracking().SingleAsync();
        Assert.Equal(("DS-UI-07", ValidCui, "1234567-9", "Hogares Comunitarios"), (request.ProcedureCode, request.Form!.Cui, request.Form.Nit, request.Form.OperationalUnit));
        Assert.Equal("Carla Sofía", request.Form.FirstNames);
    }

    [Fact]
    public async Task Nueva_Script_IsServedFromTheServiceItself()
    {
        await using var factory = new SosepApiFactory();
        using var client = factory.CreateClient();

        using var script = await client.GetAsync(new Uri("/consola.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("handler=Comprobar", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Form(string page, string cui) => new(
    [
        new("procedimiento", "DS-UI-07"), new("changeKind", "Nuevo"), new("firstNames", "Carla Sofía"), new("lastNames", "Gómez Ruiz"),
        new("cui", cui), new("nit", "1234567-9"), new("jobTitle", "Trabajadora social"), new("operationalUnit", "Hogares Comunitarios"),
        new("directorOrHead", "Dora Méndez"), new("internetAccess", "PaginasDeGobierno"), new("justification", "Ingresa a la unidad."),
        new("__RequestVerificationToken", LoginLinkTests.AntiforgeryToken(page)),
    ]);

    private static async Task<int> CountAsync(SosepApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SosepDbContext>().Requests.CountAsync();
    }
}
