using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.People;

namespace SosepBot.Bot.Tests.Api;

/// <summary>/api/units: read by anybody registered; added and changed by the administrator, the IT director and the assistant; bad input is a 422 naming the field.</summary>
public sealed class UnitsApiTests : IAsyncLifetime
{
    private readonly SosepApiFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Units_AddChangeContactsAndRead_ByTheRightRoles()
    {
        var assistant = await _factory.ClientForAsync("Alba Asistente", Role.Assistant);
        var user = await _factory.ClientForAsync("Ana Usuaria");
        await _factory.ClientForAsync("Hugo Jefe");

        var created = await assistant.PostJsonAsync("/api/units", new
        {
            name = "Sede Cobán",
            kind = "sede departamental",
            department = "alta verapaz",
            headEmail = SosepApiFactory.EmailOf("Hugo Jefe"),
            sharedMailbox = "sede.coban@sosep.gob.gt",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var unit = await created.ReadJsonAsync();
        var id = unit["id"]!.GetValue<long>();
        Assert.Equal(("SedeDepartamental", "Alta Verapaz", "hugojefe@sosep.gob.gt"),
            (unit["kind"]!.GetValue<string>(), unit["department"]!.GetValue<string>(), unit["head"]!["email"]!.GetValue<string>()));
        Assert.Equal($"/api/units/{id}", created.Headers.Location?.ToString());

        var added = await assistant.PostJsonAsync($"/api/units/{id}/contacts", new { email = SosepApiFactory.EmailOf("Ana Usuaria") });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var changed = await assistant.PutAsJsonAsync($"/api/units/{id}", new { name = "Sede Departamental Cobán", sharedMailbox = "" }, ApiJson.Options);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        // Anybody registered reads; the unit as changed.
        var read = await (await user.GetAsync(new Uri($"/api/units/{id}", UriKind.Relative))).ReadJsonAsync();
        Assert.Equal("Sede Departamental Cobán", read["name"]!.GetValue<string>());
        Assert.Null(read["sharedMailbox"]);
        Assert.Equal("anausuaria@sosep.gob.gt", read["contacts"]![0]!["email"]!.GetValue<string>());
        Assert.Single((await (await user.GetAsync(new Uri("/api/units", UriKind.Relative))).ReadJsonAsync()).AsArray());

        var removed = await assistant.DeleteAsync(new Uri($"/api/units/{id}/contacts/{SosepApiFactory.EmailOf("Ana Usuaria")}", UriKind.Relative));
        Assert.Empty((await removed.ReadJsonAsync())["contacts"]!.AsArray());

        // A plain user may not change units.
        var forbidden = await user.PostJsonAsync("/api/units", new { name = "Otra", department = "Petén" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("Solo el Administrador", (await forbidden.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var anonymous = await _factory.CreateClient().GetAsync(new Uri("/api/units", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Single((await (await user.GetAsync(new Uri("/api/units", UriKind.Relative))).ReadJsonAsync()).AsArray());
    }

    [Theory]
    [InlineData("{\"name\":\"Sede Izabal\",\"department\":\"Atlántida\"}", "departamento", "no es un departamento de Guatemala")]
    [InlineData("{\"name\":\"sede  PETEN\",\"department\":\"Petén\"}", "nombre", "Ya existe una unidad")]
    [InlineData("{\"name\":\"Sede Izabal\",\"department\":\"Izabal\",\"headEmail\":\"nadie@sosep.gob.gt\"}", "jefe", "No hay ninguna persona registrada")]
    [InlineData("{\"name\":\"Sede Izabal\",\"department\":\"Izabal\",\"kind\":\"sucursal\"}", "tipo", "oficina central")]
    public async Task Units_BadInput_Is422InSpanishWithFieldAndNothingChanges(string body, string field, string says)
    {
        var director = await _factory.ClientForAsync("Dora Directora", Role.ItDirector);
        Assert.Equal(HttpStatusCode.Created, (await director.PostJsonAsync("/api/units", new { name = "Sede Petén", kind = "sede", department = "Petén" })).StatusCode);

        var response = await director.PostAsync(new Uri("/api/units", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(field, problem["field"]!.GetValue<string>());
        Assert.Contains(says, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var units = (await (await director.GetAsync(new Uri("/api/units", UriKind.Relative))).ReadJsonAsync()).AsArray();
        Assert.Equal("Sede Petén", Assert.Single(units)!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Units_UnknownIdIs404_UnknownContactIs422()
    {
        var user = await _factory.ClientForAsync("Ana Usuaria");
        var director = await _factory.ClientForAsync("Dora Directora", Role.ItDirector);
        var id = (await (await director.PostJsonAsync("/api/units", new { name = "Sede Petén", department = "Petén" })).ReadJsonAsync())["id"]!.GetValue<long>();

        var response = await user.GetAsync(new Uri("/api/units/999", UriKind.Relative));
        var contact = await director.PostJsonAsync("/api/units/999/contacts", new { email = SosepApiFactory.EmailOf("Ana Usuaria") });
        var nobody = await director.PostJsonAsync($"/api/units/{id}/contacts", new { email = "nadie@sosep.gob.gt" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, contact.StatusCode);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "contacto"), (nobody.StatusCode, (await nobody.ReadJsonAsync())["field"]!.GetValue<string>()));
        Assert.Empty((await (await user.GetAsync(new Uri($"/api/units/{id}", UriKind.Relative))).ReadJsonAsync())["contacts"]!.AsArray());
    }

    [Fact]
    public async Task OpenDsUi06_CentralOfficePerson_Is422PointingToDsUi04_DepartmentalSitePersonMayOpenIt()
    {
        var director = await _factory.ClientForAsync("Dora Directora", Role.ItDirector);
        await director.PostJsonAsync("/api/units", new { name = "Sede Petén", kind = "sede departamental", department = "Petén" });
        await director.PostJsonAsync("/api/units", new { name = "Dirección Financiera", department = "Guatemala" });
        var central = await ClientInUnitAsync("Carlos Central", "Dirección Financiera");
        var site = await ClientInUnitAsync("Sara Sede", "Sede Petén");

        var refused = await central.PostJsonAsync("/api/requests", new { procedure = "DS-UI-06", title = "Sin internet" });
        var opened = await site.PostJsonAsync("/api/requests", new { procedure = "DS-UI-06", title = "Sin internet" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("DS-UI-04", (await refused.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Empty((await (await central.GetAsync(new Uri("/api/requests", UriKind.Relative))).ReadJsonAsync()).AsArray());
    }

    private async Task<HttpClient> ClientInUnitAsync(string name, string unit)
    {
        var client = await _factory.ClientForAsync(name);
        await using var scope = _factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PeopleService>().UpsertAsync(
            new PersonInput { Email = SosepApiFactory.EmailOf(name), DisplayName = name, Unit = unit }, default);
        return client;
    }
}
