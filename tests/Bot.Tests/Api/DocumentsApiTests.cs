using System.Net;
using System.Net.Http.Headers;
using SosepBot.Core.People;

namespace SosepBot.Bot.Tests.Api;

/// <summary>The documents API on the real host: generation, download, versions, the export, and refusals.</summary>
public sealed class DocumentsApiTests : IAsyncLifetime
{
    private readonly SosepApiFactory _factory = new();
    private HttpClient _user = null!;
    private HttpClient _tech = null!;
    private HttpClient _director = null!;
    private HttpClient _outsider = null!;
    private string _number = null!;

    public async Task InitializeAsync()
    {
        _user = await _factory.ClientForAsync("Ana Usuaria");
        var head = await _factory.ClientForAsync("Jefe Infra", Role.InfraHead);
        _tech = await _factory.ClientForAsync("Tito Tecnico", Role.Technician);
        _director = await _factory.ClientForAsync("Directora TI", Role.ItDirector);
        _outsider = await _factory.ClientForAsync("Otto Ajeno");

        var created = await (await _user.PostJsonAsync("/api/requests", new { procedure = "DS-UI-05", title = "Dictamen de mi computadora" })).ReadJsonAsync();
        _number = created["summary"]!["number"]!.GetValue<string>();
        await Ok(head.PostJsonAsync($"/api/requests/{_number}/actions/asignar", new { assigneeEmail = SosepApiFactory.EmailOf("Tito Tecnico") }));
        await Ok(_tech.PostJsonAsync($"/api/requests/{_number}/actions/revisar-equipo", null));
        using (var form = new MultipartFormDataContent())
        {
            // The smallest valid PNG (1×1).
            var png = new ByteArrayContent(Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
            png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(png, "file", "equipo.png");
            form.Add(new StringContent("Fotografia"), "kind");
            Assert.Equal(HttpStatusCode.Created, (await _tech.PostAsync(new Uri($"/api/requests/{_number}/attachments", UriKind.Relative), form)).StatusCode);
        }

        await Ok(_tech.PostJsonAsync($"/api/requests/{_number}/actions/enviar-a-elaboracion", new
        {
            equipment = new { brand = "Dell", model = "OptiPlex 3080", colour = "Negro", serialNumber = "7XK2M33", assetNumber = "SOSEP-0042" },
        }));
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task GetDocument_ParticipantDownloadsThePdf_AndOutsiderGets404()
    {
        var pdf = await _user.GetAsync(new Uri($"/api/requests/{_number}/documents/dictamen-pdf", UriKind.Relative));
        var xlsx = await _tech.GetAsync(new Uri($"/api/requests/{_number}/documents/dictamen-excel", UriKind.Relative));
        var outsider = await _outsider.GetAsync(new Uri($"/api/requests/{_number}/documents/dictamen-pdf", UriKind.Relative));
        var outsiderPost = await _outsider.PostAsync(new Uri($"/api/requests/{_number}/documents/dictamen-pdf", UriKind.Relative), null);
        var outsiderList = await _outsider.GetAsync(new Uri($"/api/requests/{_number}/documents", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"{_number}-dictamen-v1.pdf", pdf.Content.Headers.ContentDisposition!.FileNameStar ?? pdf.Content.Headers.ContentDisposition.FileName);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await xlsx.Content.ReadAsByteArrayAsync())[..2]));
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsiderPost.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsiderList.StatusCode);
        Assert.Contains("entre las que usted puede ver", (await outsider.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostDocument_Twice_KeepsOneVersionAndTheAttachmentDownloadIsGuarded()
    {
        var first = await _tech.PostAsync(new Uri($"/api/requests/{_number}/documents/dictamen-pdf", UriKind.Relative), null);
        var second = await (await _director.PostAsync(new Uri($"/api/requests/{_number}/documents/dictamen-pdf", UriKind.Relative), null)).ReadJsonAsync();
        var list = (await (await _user.GetAsync(new Uri($"/api/requests/{_number}/documents", UriKind.Relative))).ReadJsonAsync()).AsArray();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await first.ReadJsonAsync();
        Assert.Equal(1, second["version"]!.GetValue<int>());
        Assert.Equal("DictamenPdf", created["kind"]!.GetValue<string>());
        Assert.Single(list);
        var id = created["attachment"]!["id"]!.GetValue<long>();
        var mine = await _user.GetAsync(new Uri($"/api/requests/{_number}/attachments/{id}", UriKind.Relative));
        var theirs = await _outsider.GetAsync(new Uri($"/api/requests/{_number}/attachments/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
    }

    [Fact]
    public async Task GetDocument_UnknownKindOrVersion_Is404()
    {
        var kind = await _user.GetAsync(new Uri($"/api/requests/{_number}/documents/acta", UriKind.Relative));
        var version = await _user.GetAsync(new Uri($"/api/requests/{_number}/documents/dictamen-pdf?version=3", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, kind.StatusCode);
        Assert.Contains("dictamen-pdf", (await kind.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, version.StatusCode);
    }

    [Fact]
    public async Task Export_ItDirectorGetsTheWorkbook_OthersAre403()
    {
        var export = await _director.GetAsync(new Uri("/api/requests/export?procedure=DS-UI-05&open=true", UriKind.Relative));
        var refused = await _user.GetAsync(new Uri("/api/requests/export", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
