using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Requests;
using SosepBot.Core.Units;
using SosepBot.Web.Console;
using SosepBot.Web.Pages.Administracion;
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

    [Fact]
    public async Task Administracion_PersonsUnit_IsKeptWhenUnchangedAndCleared()
    {
        await using var factory = new SosepApiFactory();
        using var admin = await SignedInAsync(factory, "Omar Admin", Role.Administrator);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PeopleService>().UpsertAsync(
                new PersonInput { Email = "tere@sosep.gob.gt", DisplayName = "Tere López", Unit = "Sede Quetzaltenango", IsDepartmentalSite = true }, default);
        }

        var page = await admin.GetStringAsync(new Uri("/administracion", UriKind.Relative));
        var kept = await PostAsync(admin, "persona", page,
            [new("correo", "tere@sosep.gob.gt"), new("nombre", "Teresa López"), new("unidad", "Sede Quetzaltenango"), new("unidadActual", "Sede Quetzaltenango"), new("activa", "true")]);
        var afterKept = await PersonAsync(factory, "tere@sosep.gob.gt");
        var cleared = await PostAsync(admin, "persona", page,
            [new("correo", "tere@sosep.gob.gt"), new("nombre", "Teresa López"), new("unidad", ""), new("unidadActual", "Sede Quetzaltenango"), new("activa", "true")]);
        var afterCleared = await PersonAsync(factory, "tere@sosep.gob.gt");

        Assert.Contains("<option value=\"\">Sin unidad</option>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        Assert.Equal(("Teresa López", "Sede Quetzaltenango", true), (afterKept.DisplayName, afterKept.Unit, afterKept.UnitId is not null));
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Null(afterCleared.Unit);
        Assert.Null(afterCleared.UnitId);
        Assert.Contains("Teresa López</strong> · tere@sosep.gob.gt · sin unidad", WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri("/administracion", UriKind.Relative))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administracion_EditsAUnitsEveryField_AndItsPeopleFollow()
    {
        await using var factory = new SosepApiFactory();
        using var admin = await SignedInAsync(factory, "Omar Admin", Role.Administrator);
        long id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var people = scope.ServiceProvider.GetRequiredService<PeopleService>();
            await people.UpsertAsync(new PersonInput { Email = "tere@sosep.gob.gt", DisplayName = "Tere López", Unit = "Bienestar" }, default);
            await people.UpsertAsync(new PersonInput { Email = "jefa@sosep.gob.gt", DisplayName = "Julia Jefa" }, default);
            await people.UpsertAsync(new PersonInput { Email = "mario@sosep.gob.gt", DisplayName = "Mario Contacto" }, default);
            id = await scope.ServiceProvider.GetRequiredService<UnitService>().IdOfAsync("Bienestar", default);
        }

        var page = await admin.GetStringAsync(new Uri("/administracion", UriKind.Relative));
        var saved = await PostAsync(admin, "editarunidad", page,
        [
            new("id", id.ToString(CultureInfo.InvariantCulture)), new("nombre", "Sede Quetzaltenango"), new("tipo", "SedeDepartamental"), new("departamento", "quetzaltenango"),
            new("jefe", "jefa@sosep.gob.gt"), new("contactos", "mario@sosep.gob.gt\njefa@sosep.gob.gt"), new("buzon", "Sede.Xela@sosep.gob.gt"),
        ]);
        var unit = await UnitAsync(factory, id);
        var tere = await PersonAsync(factory, "tere@sosep.gob.gt");
        var listed = WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri("/administracion", UriKind.Relative)));
        var emptied = await PostAsync(admin, "editarunidad", page,
            [new("id", id.ToString(CultureInfo.InvariantCulture)), new("nombre", "Sede Quetzaltenango"), new("tipo", "SedeDepartamental"), new("departamento", "Quetzaltenango"), new("jefe", ""), new("contactos", ""), new("buzon", "")]);
        var bare = await UnitAsync(factory, id);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(("Sede Quetzaltenango", UnitKind.SedeDepartamental, "Quetzaltenango", "jefa@sosep.gob.gt", "sede.xela@sosep.gob.gt"),
            (unit.Name, unit.Kind, unit.Department, unit.Head?.Email, unit.SharedMailbox));
        Assert.Equal(new[] { "jefa@sosep.gob.gt", "mario@sosep.gob.gt" }, unit.Contacts.Select(c => c.Email).Order(StringComparer.Ordinal));
        Assert.Equal(("Sede Quetzaltenango", true), (tere.Unit, tere.IsDepartmentalSite));
        Assert.Contains(WebTexts.UnitSaved("Sede Quetzaltenango"), listed, StringComparison.Ordinal);
        Assert.Contains(">jefa@sosep.gob.gt\nmario@sosep.gob.gt</textarea>", listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, emptied.StatusCode);
        Assert.Null(bare.Head);
        Assert.Null(bare.SharedMailbox);
        Assert.Empty(bare.Contacts);
    }

    [Fact]
    public async Task Administracion_BadUnitInput_IsRefusedInSpanishAndChangesNothing()
    {
        await using var factory = new SosepApiFactory();
        using var admin = await SignedInAsync(factory, "Omar Admin", Role.Administrator);
        long id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            id = (await scope.ServiceProvider.GetRequiredService<UnitService>().CreateAsync(new UnitInput { Name = "Bienestar", Department = "Guatemala" }, default)).Id;
        }

        var page = await admin.GetStringAsync(new Uri("/administracion", UriKind.Relative));
        var before = Snapshot(await UnitAsync(factory, id));
        Task<HttpResponseMessage> Edit(string field, string value) => PostAsync(admin, "editarunidad", page,
            [.. new KeyValuePair<string, string>[] { new("id", id.ToString(CultureInfo.InvariantCulture)), new("nombre", "Otro nombre"), new("tipo", "OficinaCentral"), new("departamento", "Guatemala"), new("jefe", ""), new("contactos", ""), new("buzon", "") }
                .Where(f => f.Key != field), new(field, value)]);
        var refusals = new (string Field, string Value, string Message)[]
        {
            ("departamento", "Narnia", UnitTexts.UnknownDepartment("Narnia", UnitNames.Departments)),
            ("jefe", "nadie@sosep.gob.gt", PeopleTexts.NobodyWithEmail("nadie@sosep.gob.gt")),
            ("contactos", "nadie@sosep.gob.gt", PeopleTexts.NobodyWithEmail("nadie@sosep.gob.gt")),
            ("tipo", "Castillo", UnitTexts.UnknownKind("Castillo")),
            ("buzon", "no es correo", UnitTexts.SharedMailboxInvalid("no es correo")),
            ("nombre", " ", UnitTexts.MissingName),
            ("departamento", "", UnitTexts.DepartmentNeeded),
        };

        foreach (var (field, value, message) in refusals)
        {
            using var refused = await Edit(field, value);
            Assert.True(refused.StatusCode == HttpStatusCode.UnprocessableEntity, $"{field}: {refused.StatusCode}");
            Assert.Contains(message, WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        var created = await PostAsync(admin, "unidad", page, [new("nombre", "Nueva"), new("tipo", "OficinaCentral"), new("departamento", "Guatemala"), new("jefe", "nadie@sosep.gob.gt")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, created.StatusCode);
        Assert.Equal(before, Snapshot(await UnitAsync(factory, id)));
        Assert.Equal(1, await factory.CountAsync("Units"));
    }

    [Fact]
    public async Task Administracion_ManyPeople_SearchedAndPaged_AndAnEditComesBackToTheSameSearch()
    {
        await using var factory = new SosepApiFactory();
        using var admin = await SignedInAsync(factory, "Omar Admin", Role.Administrator);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
            db.People.AddRange(Enumerable.Range(1, 120).Select(i => new Person
            {
                Email = $"persona{i:000}@sosep.gob.gt", DisplayName = $"Persona {i:000} Gómez", CreatedAt = factory.Time.GetUtcNow(),
            }));
            db.People.AddRange(
                new Person { Email = "ana.perez@sosep.gob.gt", DisplayName = "Ana Pérez Núñez", CreatedAt = factory.Time.GetUtcNow() },
                new Person { Email = "beatriz.perez@sosep.gob.gt", DisplayName = "Beatriz Pérez", CreatedAt = factory.Time.GetUtcNow() },
                new Person { Email = "andres@sosep.gob.gt", DisplayName = "Andrés Perera", CreatedAt = factory.Time.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        var first = await AdminPageAsync(admin, "/administracion");
        var third = await AdminPageAsync(admin, "/administracion?pagina=3");
        var past = await AdminPageAsync(admin, "/administracion?pagina=99");
        var perez = await AdminPageAsync(admin, "/administracion?q=PEREZ");
        var byEmail = await AdminPageAsync(admin, "/administracion?q=beatriz.perez%40");
        var nunez = await AdminPageAsync(admin, "/administracion?q=nunez+ana");
        var none = await AdminPageAsync(admin, "/administracion?q=zzz");

        Assert.Contains(WebTexts.PeopleListed(124, 1, 3), first, StringComparison.Ordinal);
        Assert.Equal(IndexModel.PageSize, Listed(first).Count);
        Assert.Contains("href=\"/administracion?pagina=2\">Siguiente", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Anterior", first, StringComparison.Ordinal);
        Assert.Equal(24, Listed(third).Count);
        Assert.Contains("href=\"/administracion?pagina=2\">« Anterior", third, StringComparison.Ordinal);
        Assert.DoesNotContain("Siguiente", third, StringComparison.Ordinal);
        Assert.Equal(Listed(third), Listed(past));
        Assert.Equal(124, new[] { first, await AdminPageAsync(admin, "/administracion?pagina=2"), third }.SelectMany(Listed).Distinct().Count());
        Assert.Equal(["ana.perez@sosep.gob.gt", "beatriz.perez@sosep.gob.gt"], Listed(perez));
        Assert.Contains(WebTexts.PeopleListed(2, 1, 1), perez, StringComparison.Ordinal);
        Assert.Contains("value=\"PEREZ\"", perez, StringComparison.Ordinal);
        Assert.Equal(["beatriz.perez@sosep.gob.gt"], Listed(byEmail));
        Assert.Equal(["ana.perez@sosep.gob.gt"], Listed(nunez));
        Assert.Empty(Listed(none));
        Assert.Contains(WebTexts.NoPeopleFound, none, StringComparison.Ordinal);

        // Beatriz edited from the search: the form posts with the search and the browser comes back to it.
        Assert.Contains("action=\"/administracion?handler=persona&q=PEREZ\"", perez, StringComparison.Ordinal);
        var saved = await admin.PostAsync(new Uri("/administracion?handler=persona&q=PEREZ", UriKind.Relative), new FormUrlEncodedContent(
            [new("correo", "beatriz.perez@sosep.gob.gt"), new("nombre", "Beatriz Pérez Solís"), new("roles", "Technician"), new("activa", "true"),
             new("__RequestVerificationToken", LoginLinkTests.AntiforgeryToken(perez))]));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/administracion?q=PEREZ", saved.Headers.Location?.OriginalString);
        var back = await AdminPageAsync(admin, saved.Headers.Location!.OriginalString);
        Assert.Contains(WebTexts.PersonSaved("beatriz.perez@sosep.gob.gt"), back, StringComparison.Ordinal);
        Assert.Equal(["ana.perez@sosep.gob.gt", "beatriz.perez@sosep.gob.gt"], Listed(back));
        Assert.True((await PersonAsync(factory, "beatriz.perez@sosep.gob.gt")).Holds(Role.Technician));

        // A refused edit on page 2 shows page 2 again with the reason.
        var second = await AdminPageAsync(admin, "/administracion?pagina=2");
        var refused = await admin.PostAsync(new Uri("/administracion?handler=persona&pagina=2", UriKind.Relative), new FormUrlEncodedContent(
            [new("correo", Listed(second)[0]), new("nombre", " "), new("activa", "true"), new("__RequestVerificationToken", LoginLinkTests.AntiforgeryToken(second))]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(Listed(second), Listed(WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync())));
    }

    private static async Task<string> AdminPageAsync(HttpClient admin, string url) =>
        WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri(url, UriKind.Relative)));

    /// <summary>The e-mails of the people whose edit form the page shows, in order.</summary>
    private static List<string> Listed(string page) => [.. ListedPerson().Matches(page).Select(m => m.Groups[1].Value)];

    private static (string, UnitKind, string?, PersonRef?, string?, int) Snapshot(UnitView u) => (u.Name, u.Kind, u.Department, u.Head, u.SharedMailbox, u.Contacts.Count);

    private static async Task<Person> PersonAsync(SosepApiFactory factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<PeopleService>().FindByEmailAsync(email, default))!;
    }

    private static async Task<UnitView> UnitAsync(SosepApiFactory factory, long id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UnitService>().GetAsync(id, default);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, string page, KeyValuePair<string, string>[] fields) =>
        client.PostAsync(new Uri($"/administracion?handler={handler}", UriKind.Relative),
            new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", LoginLinkTests.AntiforgeryToken(page))]));

    [GeneratedRegex("<input type=\"hidden\" name=\"correo\" value=\"([^\"]+)\">")]
    private static partial Regex ListedPerson();

    [GeneratedRegex("id=\"clave-nueva\" readonly value=\"([^\"]+)\"")]
    private static partial Regex KeyValue();
}
