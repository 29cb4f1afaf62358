using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Bot.Hosting;
using SosepBot.Bot.Tests.Api;
using SosepBot.Core.Audit;
using SosepBot.Core.Persistence;
using SosepBot.Core.People;
using SosepBot.Core.Requests;
using SosepBot.Web.Console;
using static SosepBot.Bot.Tests.Web.ConsolePagesTests;

namespace SosepBot.Bot.Tests.Web;

/// <summary>
/// A request's files and generated documents on its console page, through Core's RequestFiles and IDocumentService:
/// upload (all or none, Core's Spanish refusals), download (visibility, download record), document versions.
/// </summary>
public sealed partial class ConsoleFilesTests
{
    [Fact]
    public async Task Upload_TwoFiles_AreStoredAndEachIsALinkThatDownloadsItsBytes()
    {
        await using var factory = new SosepApiFactory();
        using var ana = await factory.ClientForAsync("Ana Pérez");
        var number = await OpenTicketAsync(ana, "El monitor parpadea");
        using var requester = await SignedInAsync(factory, "Ana Pérez");
        var pdf = Pdf(40 * 1024); // larger than the 16 KB the console's other forms may send
        var text = Encoding.UTF8.GetBytes("La pantalla parpadea al encender.\n");

        var posted = await UploadAsync(requester, number, "Oficio", ("informe final.pdf", "application/pdf", pdf), ("notas.txt", "text/plain", text));
        var page = WebUtility.HtmlDecode(await requester.GetStringAsync(new Uri($"/solicitudes/{number}", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"/solicitudes/{number}#archivos", posted.Headers.Location?.OriginalString);
        Assert.Contains(WebTexts.FilesAttached(["informe final.pdf", "notas.txt"]), page, StringComparison.Ordinal);
        Assert.Contains("Ana Pérez</strong> adjuntó oficio:", page, StringComparison.Ordinal);
        var links = FileLinks().Matches(page).Select(m => (Href: m.Groups["href"].Value, Name: m.Groups["name"].Value)).ToList();
        Assert.Equal(new[] { "informe final.pdf", "notas.txt" }, links.Select(l => l.Name));
        using var first = await requester.GetAsync(new Uri(links[0].Href, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/pdf", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", first.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("informe final.pdf", first.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(pdf, await first.Content.ReadAsByteArrayAsync());
        Assert.Equal(text, await requester.GetByteArrayAsync(new Uri(links[1].Href, UriKind.Relative)));
    }

    [Fact]
    public async Task Upload_OneRefusedFileOfTwo_KeepsNoneAndShowsCoresSpanishReason()
    {
        await using var factory = new SosepApiFactory();
        using var ana = await factory.ClientForAsync("Ana Pérez");
        var number = await OpenTicketAsync(ana, "El monitor parpadea");
        using var requester = await SignedInAsync(factory, "Ana Pérez");
        var before = await factory.CountsAsync("Attachments", "AuditEntries");

        var mixed = await UploadAsync(requester, number, "Otro", ("bueno.pdf", "application/pdf", Pdf(2048)), ("programa.exe", "application/x-msdownload", [0x4D, 0x5A, 0x90]));
        var mixedPage = WebUtility.HtmlDecode(await requester.GetStringAsync(new Uri($"/solicitudes/{number}", UriKind.Relative)));
        var disguised = await UploadAsync(requester, number, "Otro", ("falso.pdf", "application/pdf", Encoding.ASCII.GetBytes("no soy un PDF")));
        var disguisedPage = WebUtility.HtmlDecode(await requester.GetStringAsync(new Uri($"/solicitudes/{number}", UriKind.Relative)));
        var none = await UploadAsync(requester, number, "Otro");
        var nonePage = WebUtility.HtmlDecode(await requester.GetStringAsync(new Uri($"/solicitudes/{number}", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.Redirect, mixed.StatusCode);
        Assert.Contains(RequestTexts.FileInBatchRefused("programa.exe", RequestTexts.FileTypeRefused("application/x-msdownload")), mixedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, disguised.StatusCode);
        Assert.Contains(RequestTexts.ContentDisagrees("falso.pdf", "application/pdf"), disguisedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, none.StatusCode);
        Assert.Contains(RequestTexts.NoFilesChosen, nonePage, StringComparison.Ordinal);
        Assert.Equal(before, await factory.CountsAsync("Attachments", "AuditEntries"));
        Assert.DoesNotContain("/archivos/", nonePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_WithoutAntiforgeryToken_IsRefusedAndKeepsNothing()
    {
        await using var factory = new SosepApiFactory();
        using var ana = await factory.ClientForAsync("Ana Pérez");
        var number = await OpenTicketAsync(ana, "El monitor parpadea");
        using var requester = await SignedInAsync(factory, "Ana Pérez");

        using var form = new MultipartFormDataContent();
        form.Add(File(("a.pdf", "application/pdf", Pdf(100))), "archivos", "a.pdf");
        var posted = await requester.PostAsync(new Uri($"/solicitudes/{number}/archivos", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal(0, await factory.CountAsync("Attachments"));
    }

    [Fact]
    public async Task Download_OutsiderGetsTheSpanish404AndCannotAttach_AndAPersonalDataFileIsRecordedForStaff()
    {
        await using var factory = new SosepApiFactory();
        using var ana = await factory.ClientForAsync("Ana Pérez");
        var number = await OpenTicketAsync(ana, "El monitor parpadea");
        using var requester = await SignedInAsync(factory, "Ana Pérez");
        using var outsider = await SignedInAsync(factory, "Luis Gómez");
        using var jefe = await SignedInAsync(factory, "Rosa Díaz", Role.InfraHead);
        await UploadAsync(requester, number, "CopiaDpi", ("dpi.pdf", "application/pdf", Pdf(3000)));
        var link = FileLinks().Match(WebUtility.HtmlDecode(await requester.GetStringAsync(new Uri($"/solicitudes/{number}", UriKind.Relative)))).Groups["href"].Value;
        var downloadsBefore = await DownloadsAsync(factory);

        using var refused = await outsider.GetAsync(new Uri(link, UriKind.Relative));
        using var unknown = await requester.GetAsync(new Uri($"/solicitudes/{number}/archivos/999999", UriKind.Relative));
        var afterRefusals = await DownloadsAsync(factory);
        using var outsiderForm = new MultipartFormDataContent
        {
            { new StringContent(LoginLinkTests.AntiforgeryToken(await outsider.GetStringAsync(new Uri("/solicitudes/nueva", UriKind.Relative)))), "__RequestVerificationToken" },
            { File(("intruso.pdf", "application/pdf", Pdf(100))), "archivos", "intruso.pdf" },
        };
        using var outsiderUpload = await outsider.PostAsync(new Uri($"/solicitudes/{number}/archivos", UriKind.Relative), outsiderForm);
        var attachments = await factory.CountAsync("Attachments");
        using var allowed = await jefe.GetAsync(new Uri(link, UriKind.Relative));
        var staffPage = WebUtility.HtmlDecode(await jefe.GetStringAsync(new Uri($"/solicitudes/{number}", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("<h1>No encontrado</h1>", html, StringComparison.Ordinal);
        Assert.Contains(RequestTexts.NotFoundOrNotYours(number), html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsiderUpload.StatusCode);
        Assert.Equal(1, attachments);
        Assert.Equal(downloadsBefore, afterRefusals);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(downloadsBefore + 1, await DownloadsAsync(factory));
        Assert.Contains("descargó fotocopia del DPI: dpi.pdf", staffPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Documents_TechnicianGeneratesTheDictamen_EachVersionIsInTheTimelineWithItsDateAndWho()
    {
        await using var factory = new SosepApiFactory(new Dictionary<string, string?> { ["Web:IdleTimeout"] = "12:00:00" });
        using var user = await factory.ClientForAsync("Ana Usuaria");
        using var head = await factory.ClientForAsync("Jefe Infra", Role.InfraHead);
        using var tech = await factory.ClientForAsync("Tito Tecnico", Role.Technician);
        var number = await OpenDictamenAsync(user, head, tech);
        using var console = await SignedInAsync(factory, "Tito Tecnico", Role.Technician);
        using var requester = await SignedInAsync(factory, "Ana Usuaria");
        using var outsider = await SignedInAsync(factory, "Otto Ajeno");
        var page = WebUtility.HtmlDecode(await console.GetStringAsync(new Uri($"/solicitudes/{number}", UriKind.Relative)));

        var first = await GenerateAsync(console, number, page, "dictamen-pdf");
        var afterFirst = WebUtility.HtmlDecode(await console.GetStringAsync(new Uri($"/solicitudes/{number}", UriKind.Relative)));
        factory.Time.Advance(TimeSpan.FromHours(1));
        await UploadAsync(console, number, "Fotografia", ("otra.png", "image/png", Png)); // new data: the next generation is a new version
        var second = await GenerateAsync(console, number, page, "dictamen-pdf");
        var same = await GenerateAsync(console, number, page, "dictamen-pdf");
        var timeline = WebUtility.HtmlDecode(await requester.GetStringAsync(new Uri($"/solicitudes/{number}", UriKind.Relative)));
        using var v1 = await requester.GetAsync(new Uri($"/solicitudes/{number}?handler=Documento&tipo=dictamen-pdf&version=1", UriKind.Relative));
        using var refused = await outsider.GetAsync(new Uri($"/solicitudes/{number}?handler=Documento&tipo=dictamen-pdf&version=1", UriKind.Relative));
        using var refusedPost = await outsider.PostAsync(new Uri($"/solicitudes/{number}?handler=Generar", UriKind.Relative), new FormUrlEncodedContent(
            [new("tipo", "dictamen-pdf"), new("__RequestVerificationToken", LoginLinkTests.AntiforgeryToken(await outsider.GetStringAsync(new Uri("/solicitudes/nueva", UriKind.Relative))))]));

        Assert.Contains("Generar el dictamen técnico (PDF)", page, StringComparison.Ordinal);
        Assert.Contains("Generar el dictamen técnico (Excel)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Generar el formulario", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains(WebTexts.DocumentGenerated("dictamen técnico (PDF)", 1), afterFirst, StringComparison.Ordinal);
        Assert.Contains("Descargar la versión 1", afterFirst, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, same.StatusCode);
        Assert.Contains($"<time datetime=\"2026-03-02T15:00:00.0000000+00:00\">02/03/2026 09:00</time> <strong>Tito Tecnico</strong> generó el dictamen técnico (PDF), versión 1:", timeline, StringComparison.Ordinal);
        Assert.Contains($"<strong>Tito Tecnico</strong> generó el dictamen técnico (PDF), versión 2:", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("versión 3", timeline, StringComparison.Ordinal);
        Assert.Contains($"{number}-dictamen-v1.pdf", timeline, StringComparison.Ordinal);
        Assert.Contains($"{number}-dictamen-v2.pdf", timeline, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, v1.StatusCode);
        Assert.Equal($"{number}-dictamen-v1.pdf", v1.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(await v1.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, refusedPost.StatusCode);
    }

    [Fact]
    public async Task Documents_NoneApplies_NoDocumentsSection_AndAForcedGenerationIsRefusedInSpanish()
    {
        await using var factory = new SosepApiFactory();
        using var ana = await factory.ClientForAsync("Ana Pérez");
        var number = await OpenTicketAsync(ana, "El monitor parpadea");
        using var requester = await SignedInAsync(factory, "Ana Pérez");
        var page = await requester.GetStringAsync(new Uri($"/solicitudes/{number}", UriKind.Relative));

        var forced = await GenerateAsync(requester, number, page, "dictamen-pdf");

        Assert.DoesNotContain("id=\"documentos\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forced.StatusCode);
        Assert.Contains("DS-UI-05", WebUtility.HtmlDecode(await forced.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await factory.CountAsync("GeneratedDocuments"));
    }

    [Fact]
    public async Task UploadRoute_IsTheArchivosPage_AndOnlyItTakesFilesSizedBodies()
    {
        await using var factory = new SosepApiFactory();
        using var client = factory.CreateClient();

        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var upload = Assert.Single(endpoints, e => e.RoutePattern.RawText?.Trim('/') == ConsoleUploads.Route);
        Assert.Equal("/Solicitudes/Archivos", upload.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath);
        var limit = upload.Metadata.GetMetadata<BodyLimits.BodyLimit>();
        Assert.NotNull(limit);
        Assert.Equal((RequestFiles.MaxFilesAtOnce * 10L * 1024 * 1024) + ConsoleUploads.OverheadBytes, limit.Bytes(factory.Services));
        Assert.Null(Assert.Single(endpoints, e => e.RoutePattern.RawText?.Trim('/') == "solicitudes/{numero}").Metadata.GetMetadata<BodyLimits.BodyLimit>());
    }

    /// <summary>
    /// Declared (as browsers send a form), the 413 comes before the body is read; sent chunked, the host finds out while
    /// the anti-forgery check reads the form, and the answer is the same 413 rather than the token's refusal.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Upload_OverTheBodyLimit_BrowserGetsTheSpanishHtml413_TheApiItsJson_AndNothingIsStored(bool declaredLength)
    {
        var files = Path.Combine(Path.GetTempPath(), "sosepbot-api-tests", Guid.NewGuid().ToString("N"));
        await using var factory = new SosepApiFactory(new Dictionary<string, string?> { ["Attachments:MaxBytes"] = "102400", ["Attachments:Directory"] = files });
        using var ana = await factory.ClientForAsync("Ana Pérez");
        var number = await OpenTicketAsync(ana, "El monitor parpadea");
        using var requester = await SignedInAsync(factory, "Ana Pérez");
        const string browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        requester.DefaultRequestHeaders.Accept.ParseAdd(browserAccept);
        ana.DefaultRequestHeaders.Accept.ParseAdd(browserAccept);
        var big = ("grande.pdf", "application/pdf", Pdf(1024 * 1024)); // past 5 files of 100 KB and the form around them
        var limit = (RequestFiles.MaxFilesAtOnce * 102400L) + ConsoleUploads.OverheadBytes;

        using var form = await UploadFormAsync(requester, number, "Oficio", big);
        using var sent = declaredLength ? form : (HttpContent)new ChunkedContent(form);
        using var page = await requester.PostAsync(new Uri($"/solicitudes/{number}/archivos", UriKind.Relative), sent);
        using var apiForm = new MultipartFormDataContent { { File(big), "file", "grande.pdf" } };
        using var api = await ana.PostAsync(new Uri($"/api/requests/{number}/attachments", UriKind.Relative), declaredLength ? apiForm : new ChunkedContent(apiForm));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("<title>Archivos demasiado grandes · Mesa de ayuda SOSEP</title>", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"stylesheet\" href=\"/consola.css\">", html, StringComparison.Ordinal);
        Assert.Contains(WebTexts.UploadTooLarge(limit, RequestFiles.MaxFilesAtOnce, 102400), html, StringComparison.Ordinal);
        Assert.Matches("el envío pasa de 0[.,]55 MB", html);
        Assert.Contains($"<a href=\"/solicitudes/{number}\">Volver a la solicitud {number}</a>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("El cuerpo de la solicitud es demasiado grande", (await api.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await factory.CountAsync("Attachments"));
        Assert.Empty(Directory.Exists(files) ? Directory.EnumerateFiles(files, "*", SearchOption.AllDirectories) : []);

        // Any other console form keeps the small limit, and a browser gets the same page with the host's sentence.
        var request = await requester.GetStringAsync(new Uri($"/solicitudes/{number}", UriKind.Relative));
        using var comment = new FormUrlEncodedContent([new("texto", new string('a', 64 * 1024)), new("__RequestVerificationToken", LoginLinkTests.AntiforgeryToken(request))]);
        using var commented = await requester.PostAsync(new Uri($"/solicitudes/{number}?handler=Comentar", UriKind.Relative), declaredLength ? comment : new ChunkedContent(comment));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, commented.StatusCode);
        var refusal = WebUtility.HtmlDecode(await commented.Content.ReadAsStringAsync());
        Assert.Contains("El cuerpo de la solicitud es demasiado grande: esta operación admite hasta 16 KB.", refusal, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/solicitudes/{number}\">Volver a la solicitud {number}</a>", refusal, StringComparison.Ordinal);
        Assert.Equal(0, await factory.CountAsync("Comments"));
    }

    /// <summary>The smallest valid PNG (1×1).</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>A DS-UI-05 request in «En elaboración» with a photo and the equipment's data, as the documents API tests make it.</summary>
    internal static async Task<string> OpenDictamenAsync(HttpClient user, HttpClient head, HttpClient tech)
    {
        var created = await (await user.PostJsonAsync("/api/requests", new { procedure = "DS-UI-05", title = "Dictamen de mi computadora" })).ReadJsonAsync();
        var number = created["summary"]!["number"]!.GetValue<string>();
        (await head.PostJsonAsync($"/api/requests/{number}/actions/asignar", new { assigneeEmail = SosepApiFactory.EmailOf("Tito Tecnico") })).EnsureSuccessStatusCode();
        (await tech.PostJsonAsync($"/api/requests/{number}/actions/revisar-equipo", null)).EnsureSuccessStatusCode();
        using (var form = new MultipartFormDataContent())
        {
            form.Add(File(("equipo.png", "image/png", Png)), "file", "equipo.png");
            form.Add(new StringContent("Fotografia"), "kind");
            (await tech.PostAsync(new Uri($"/api/requests/{number}/attachments", UriKind.Relative), form)).EnsureSuccessStatusCode();
        }

        (await tech.PostJsonAsync($"/api/requests/{number}/actions/enviar-a-elaboracion", new
        {
            equipment = new { brand = "Dell", model = "OptiPlex 3080", colour = "Negro", serialNumber = "7XK2M33", assetNumber = "SOSEP-0042" },
        })).EnsureSuccessStatusCode();
        return number;
    }

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string number, string kind, params (string Name, string Type, byte[] Bytes)[] files)
    {
        using var form = await UploadFormAsync(client, number, kind, files);
        return await client.PostAsync(new Uri($"/solicitudes/{number}/archivos", UriKind.Relative), form);
    }

    private static async Task<MultipartFormDataContent> UploadFormAsync(HttpClient client, string number, string kind, params (string Name, string Type, byte[] Bytes)[] files)
    {
        var page = await client.GetStringAsync(new Uri($"/solicitudes/{number}", UriKind.Relative));
        var form = new MultipartFormDataContent
        {
            { new StringContent(LoginLinkTests.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent(kind), "tipo" },
        };
        foreach (var file in files)
        {
            form.Add(File(file), "archivos", file.Name);
        }

        return form;
    }

    /// <summary>Another content sent chunked, its length not declared: the server finds out it is too large only by reading.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly HttpContent _inner;

        public ChunkedContent(HttpContent inner)
        {
            _inner = inner;
            Headers.ContentType = inner.Headers.ContentType;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static Task<HttpResponseMessage> GenerateAsync(HttpClient client, string number, string page, string kind) =>
        client.PostAsync(new Uri($"/solicitudes/{number}?handler=Generar", UriKind.Relative),
            new FormUrlEncodedContent([new("tipo", kind), new("__RequestVerificationToken", LoginLinkTests.AntiforgeryToken(page))]));

    private static ByteArrayContent File((string Name, string Type, byte[] Bytes) file)
    {
        var content = new ByteArrayContent(file.Bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(file.Type);
        return content;
    }

    private static byte[] Pdf(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    private static async Task<int> DownloadsAsync(SosepApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SosepDbContext>().AuditEntries.CountAsync(a => a.Kind == AuditKind.Download);
    }

    [GeneratedRegex("<a class=\"archivo\" href=\"(?<href>/solicitudes/[^\"]+/archivos/\\d+)\" download>(?<name>[^<]+)</a>")]
    private static partial Regex FileLinks();
}
