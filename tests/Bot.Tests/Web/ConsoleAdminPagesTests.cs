using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.People;
using static SosepBot.Bot.Tests.Web.ConsolePagesTests;

namespace SosepBot.Bot.Tests.Web;

/// <summary>«Administración»: people, units and API keys through Core's services; Administrator only.</summary>
public sealed partial class ConsoleAdminPagesTests
{
    [Fact]
    public async Task Administracion_OtherStaff_GetTheSpanish403AndNoLink()
    {
        await using var factory = new SosepApiFactory();
        using var director = await SignedInAsync(factory, "Marta Ruiz", Role.ItDirector);

        var page = await director.GetAsync(new Uri("/administracion", UriKind.Relative));
        var home = await director.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Esta página es solo para: Administrador del servicio.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/administracion\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administracion_RegistersAPersonWithRolesAndUnit_ThenDeactivates()
    {
        await using var factory = new SosepApiFactory();
        using var admin = await SignedInAsync(factory, "Omar Admin", Role.Administrator);
        var home = await admin.GetStringAsync(new Uri("/", UriKind.Relative));
        var page = await admin.GetStringAsync(new Uri("/administracion", UriKind.Relative));

        var unit = await PostAsync(admin, "unidad", page, [new("nombre", "Dirección de Bienestar"), new("tipo", "OficinaCentral"), new("departamento", "Guatemala")]);
        var added = await PostAsync(admin, "persona", page,
            [new("correo", "tere@sosep.gob.gt"), new("nombre", "Tere López"), new("unidad", "Dirección de Bienestar"), new("roles", "Technician"), new("activa", "true")]);
        var deactivated = await PostAsync(admin, "persona", page, [new("correo", "tere@sosep.gob.gt"), new("nombre", "Tere López"), new("roles", "Technician")]);

        Assert.Contains("href=\"/administracion\"", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, unit.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var tere = await scope.ServiceProvider.GetRequiredService<PeopleService>().FindByEmailAsync("tere@sosep.gob.gt", default);
        Assert.NotNull(tere);
        Assert.True(tere.Holds(Role.Technician));
        Assert.Equal("Dirección de Bienestar", tere.Unit);
        Assert.False(tere.IsActive);
        Assert.Contains("Se desactivó a tere@sosep.gob.gt", await admin.GetStringAsync(new Uri("/administracion", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administracion_UnknownRole_IsRefusedInSpanishAndChangesNothing()
    {
        await using var factory = new SosepApiFactory();
        using var admin = await SignedInAsync(factory, "Omar Admin", Role.Administrator);
        var page = await admin.GetStringAsync(new Uri("/administracion", UriKind.Relative));

        var refused = await PostAsync(admin, "persona", page, [new("correo", "tere@sosep.gob.gt"), new("nombre", "Tere López"), new("roles", "Rey"), new("activa", "true")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("El rol «Rey» no existe.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<PeopleService>().FindByEmailAsync("tere@sosep.gob.gt", default));
    }

    [Fact]
    public async Task Administracion_IssuedKeyIsShownOnceAndWorks_ThenRevoked()
    {
        await using var factory = new SosepApiFactory();
        using var admin = await SignedInAsync(factory, "Omar Admin", Role.Administrator);
        var page = await admin.GetStringAsync(new Uri("/administracion", UriKind.Relative));

        var issued = await PostAsync(admin, "clave", page, [new("correo", SosepApiFactory.EmailOf("Omar Admin")), new("etiqueta", "script de respaldo")]);
        var html = await issued.Content.ReadAsStringAsync();
        var key = KeyValue().Match(html).Groups[1].Value;
        using var api = factory.CreateClient();
        api.DefaultRequestHeaders.Add("X-Api-Key", key);
        var before = await api.GetAsync(new Uri("/api/requests", UriKind.Relative));
        var listed = await admin.GetStringAsync(new Uri("/administracion", UriKind.Relative));
        var prefix = key.Split('.')[0];
        var revoked = await PostAsync(admin, "revocar", listed, [new("prefijo", prefix)]);
        var after = await api.GetAsync(new Uri("/api/requests", UriKind.Relative));
        var again = await PostAsync(admin, "revocar", listed, [new("prefijo", prefix)]);

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Contains(prefix, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
    }

    [Fact]
    public async Task Administracion_PostWithoutAntiforgeryToken_IsRefused()
    {
        await using var factory = new SosepApiFactory();
        using var admin = await SignedInAsync(factory, "Omar Admin", Role.Administrator);

        var posted = await admin.PostAsync(new Uri("/administracion?handler=unidad", UriKind.Relative),
            new FormUrlEncodedContent([new("nombre", "Sin token"), new("tipo", "OficinaCentral")]));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, string page, KeyValuePair<string, string>[] fields) =>
        client.PostAsync(new Uri($"/administracion?handler={handler}", UriKind.Relative),
            new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", LoginLinkTests.AntiforgeryToken(page))]));

    [GeneratedRegex("id=\"clave-nueva\" readonly value=\"([^\"]+)\"")]
    private static partial Regex KeyValue();
}
