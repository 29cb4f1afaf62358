using System.Security.Cryptography;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using SosepBot.Core.Attachments;
using SosepBot.Core.Documents;
using SosepBot.Core.Errors;
using SosepBot.Core.Procedures;
using SkiaSharp;

namespace SosepBot.Documents.Tests;

/// <summary>DS-UI-05: the dictamen técnico as Excel (photos on the back sheet) and as PDF, versioned with the request.</summary>
public sealed class DictamenTests : IAsyncLifetime
{
    private DocumentWorld _w = null!;

    public async Task InitializeAsync() => _w = await DocumentWorld.CreateAsync();

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private static (string, byte[])[] Photos(int count) =>
        Enumerable.Range(1, count).Select(i => ($"foto-{i}.jpg", TestImages.Jpeg(800, 600, i))).ToArray();

    [Fact]
    public async Task AvailableAsync_Dictamen_OnlyOnceTheEquipmentWasReviewed()
    {
        var number = await _w.DictamenInElaborationAsync(Photos(1));
        var early = await _w.Db.Requests(r => r.Opening.OpenAsync(_w.Requester, new SosepBot.Core.Requests.NewRequest
        {
            ProcedureCode = ProcedureCodes.DictamenTecnico,
            Title = "Otro dictamen",
        }, CancellationToken.None));

        Assert.Equal([DocumentKind.DictamenExcel, DocumentKind.DictamenPdf], (await _w.Documents(d => d.AvailableAsync(_w.Technician, number, CancellationToken.None))).Order());
        Assert.Empty(await _w.Documents(d => d.AvailableAsync(_w.Requester, early.Summary.Number, CancellationToken.None)));
    }

    [Fact]
    public async Task GenerateAsync_DictamenExcel_HasTheDataOnTheFrontAndThePhotosOnTheBack()
    {
        var photos = Photos(3);
        var number = await _w.DictamenInElaborationAsync(photos);

        var view = await _w.GenerateAsync(_w.Assistant, number, DocumentKind.DictamenExcel);
        var bytes = await _w.ReadAsync(_w.Assistant, number, DocumentKind.DictamenExcel);
        await PdfTools.KeepAsync("dictamen.xlsx", bytes);

        Assert.Equal(1, view.Version);
        Assert.Equal(AttachmentKind.Dictamen, view.Attachment.Kind);
        Assert.Equal($"{number}-dictamen-v1.xlsx", view.Attachment.FileName);
        Assert.Equal(DocumentKinds.ExcelType, view.Attachment.ContentType);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), view.Attachment.Sha256);

        using var book = new XLWorkbook(new MemoryStream(bytes));
        var front = book.Worksheet("Dictamen");
        Assert.Equal("DICTAMEN TÉCNICO", front.Cell("A3").GetString());
        Assert.Equal(number, front.Cell("B4").GetString());
        Assert.Equal("02/03/2026", front.Cell("D4").GetString());
        Assert.Equal("Ana Pérez", front.Cell("B7").GetString());
        Assert.Equal("Computadora de escritorio", front.Cell("B11").GetString());
        Assert.Equal("HP", front.Cell("D11").GetString());
        Assert.Equal("ProDesk 400 G7", front.Cell("B12").GetString());
        Assert.Equal("Negro", front.Cell("D12").GetString());
        Assert.Equal("5CD1234XYZ", front.Cell("B13").GetString());
        Assert.Equal("SOSEP-INF-004512", front.Cell("D13").GetString());
        Assert.StartsWith("La fuente de poder no enciende", front.Cell("A16").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Equipo sin reparación económica", front.Cell("A19").GetString(), StringComparison.Ordinal);
        Assert.Equal("Técnico de Hardware y Software", front.Cell("A23").GetString());
        Assert.Equal("Director Unidad de Informática", front.Cell("C23").GetString());
        Assert.Equal("Tito López", front.Cell("A25").GetString());
        Assert.Equal("Tomás Aroldo López", front.Cell("C25").GetString());

        var back = book.Worksheet("Fotografías");
        Assert.Equal(3, back.Pictures.Count);
        Assert.Equal("Fotografía 1: foto-1.jpg", back.Cell("A3").GetString());
        Assert.Equal(4, back.Pictures.First().TopLeftCell.Address.RowNumber);

        // The photos are embedded byte for byte, not re-encoded.
        using var package = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var embedded = package.WorkbookPart!.WorksheetParts.SelectMany(p => p.DrawingsPart?.ImageParts ?? [])
            .Select(p => { using var s = p.GetStream(); using var m = new MemoryStream(); s.CopyTo(m); return Convert.ToHexString(SHA256.HashData(m.ToArray())); })
            .Order().ToList();
        Assert.Equal(photos.Select(p => Convert.ToHexString(SHA256.HashData(p.Item2))).Order(), embedded);
    }

    [Fact]
    public async Task GenerateAsync_DictamenPdf_HasHeadingEquipmentSignaturesAndPhotosOnTheBack()
    {
        var number = await _w.DictamenInElaborationAsync(Photos(3));

        var view = await _w.GenerateAsync(_w.Technician, number, DocumentKind.DictamenPdf);
        var pdf = await _w.ReadAsync(_w.Technician, number, DocumentKind.DictamenPdf);
        await PdfTools.KeepAsync("dictamen.pdf", pdf);
        var text = await PdfTools.TextAsync(pdf);

        Assert.Equal($"{number}-dictamen-v1.pdf", view.Attachment.FileName);
        Assert.Equal(DocumentKinds.PdfType, view.Attachment.ContentType);
        foreach (var expected in new[]
        {
            "Secretaría de Obras Sociales de la Esposa del Presidente de la República", "Unidad de Informática", "DICTAMEN TÉCNICO",
            number, "02/03/2026", "Número de serie", "5CD1234XYZ", "Número de bien", "SOSEP-INF-004512", "ProDesk 400 G7",
            "Diagnóstico", "Equipo sin reparación económica", "Técnico de Hardware y Software", "Director Unidad de Informática",
            "Tito López", "Tomás Aroldo López", "Fotografías del equipo (reverso del dictamen)", "Fotografía 3: foto-3.jpg",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.Equal(2, await PdfTools.PagesAsync(pdf));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(6, false)]
    [InlineData(6, true)]
    [InlineData(8, false)]
    [InlineData(3, true)]
    public async Task GenerateAsync_PhoneExifOrientation_PhotoDrawnAsSeen(int orientation, bool littleEndian)
    {
        // Stored landscape: red on the left, blue on the right. Orientation 6 (turn 90° clockwise) shows red on top,
        // 8 (90° counter-clockwise) blue on top, 3 (180°) blue on the left, 1 as stored.
        var photo = TestImages.WithExifOrientation(TestImages.RedLeftBlueRight(400, 200), orientation, littleEndian);
        var number = await _w.DictamenInElaborationAsync([("celular.jpg", photo)]);
        await _w.GenerateAsync(_w.Technician, number, DocumentKind.DictamenPdf);
        var pdf = await _w.ReadAsync(_w.Technician, number, DocumentKind.DictamenPdf);

        using var page = SKBitmap.Decode(await PdfTools.RenderPageAsync(pdf, 2));
        var red = Centroid(page, c => c.Red > 170 && c.Green < 90 && c.Blue < 90);
        var blue = Centroid(page, c => c.Blue > 170 && c.Red < 90 && c.Green < 90);
        var (dx, dy) = (blue.X - red.X, blue.Y - red.Y);
        var seen = Math.Abs(dx) > Math.Abs(dy) ? (dx > 0 ? "red-left" : "red-right") : (dy > 0 ? "red-top" : "red-bottom");
        Assert.Equal(orientation switch { 6 => "red-top", 8 => "red-bottom", 3 => "red-right", _ => "red-left" }, seen);
        // Drawn as seen: a quarter turn makes it taller than wide.
        var (width, height) = Extent(page, c => (c.Red > 170 || c.Blue > 170) && c.Green < 90);
        Assert.Equal(orientation is 6 or 8, height > width);
    }

    [Fact]
    public async Task GenerateAsync_PhoneExifOrientationInExcel_PictureFrameTurnedAQuarter()
    {
        var photo = TestImages.WithExifOrientation(TestImages.RedLeftBlueRight(400, 200), 6);
        var number = await _w.DictamenInElaborationAsync([("celular.jpg", photo)]);
        await _w.GenerateAsync(_w.Technician, number, DocumentKind.DictamenExcel);
        var bytes = await _w.ReadAsync(_w.Technician, number, DocumentKind.DictamenExcel);

        using var package = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var transform = package.WorkbookPart!.WorksheetParts.Select(p => p.DrawingsPart).OfType<DrawingsPart>()
            .SelectMany(d => d.WorksheetDrawing.Descendants<DocumentFormat.OpenXml.Drawing.Transform2D>()).Single();
        Assert.Equal(5400000, transform.Rotation?.Value);
        // The frame holds the stored (landscape) pixels; turned, it is seen 127 × 255 px, inside the 340 × 255 slot.
        Assert.Equal((255 * 9525L, 127 * 9525L), (transform.Extents!.Cx!.Value, transform.Extents.Cy!.Value));
    }

    private static (double X, double Y) Centroid(SKBitmap page, Func<SKColor, bool> match)
    {
        double x = 0, y = 0;
        var n = 0;
        for (var j = 0; j < page.Height; j++)
        {
            for (var i = 0; i < page.Width; i++)
            {
                if (match(page.GetPixel(i, j)))
                {
                    x += i;
                    y += j;
                    n++;
                }
            }
        }

        Assert.True(n > 100, "The photo was not drawn.");
        return (x / n, y / n);
    }

    private static (int Width, int Height) Extent(SKBitmap page, Func<SKColor, bool> match)
    {
        int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
        for (var j = 0; j < page.Height; j++)
        {
            for (var i = 0; i < page.Width; i++)
            {
                if (match(page.GetPixel(i, j)))
                {
                    (minX, minY, maxX, maxY) = (Math.Min(minX, i), Math.Min(minY, j), Math.Max(maxX, i), Math.Max(maxY, j));
                }
            }
        }

        return (maxX - minX, maxY - minY);
    }

    [Fact]
    public async Task GenerateAsync_SameDataTwice_ReturnsTheSameVersion()
    {
        var number = await _w.DictamenInElaborationAsync(Photos(1));

        var first = await _w.GenerateAsync(_w.Assistant, number, DocumentKind.DictamenPdf);
        var second = await _w.GenerateAsync(_w.Director, number, DocumentKind.DictamenPdf);

        Assert.Equal(first.Attachment.Id, second.Attachment.Id);
        Assert.Equal(1, second.Version);
        Assert.Single(await _w.Documents(d => d.ListAsync(_w.Assistant, number, CancellationToken.None)));
    }

    [Fact]
    public async Task GenerateAsync_ReturnedWithObservationsAndCorrected_MakesVersion2AndKeepsVersion1()
    {
        var number = await _w.DictamenInElaborationAsync(Photos(2));
        await _w.GenerateAsync(_w.Assistant, number, DocumentKind.DictamenExcel);
        await _w.FireAsync(_w.Assistant, number, "enviar-a-revision");
        await _w.FireAsync(_w.Director, number, "observar", new ActionInput { Text = "El número de serie está mal escrito." });
        await _w.FireAsync(_w.Assistant, number, "enviar-a-revision", new ActionInput { Equipment = new() { SerialNumber = "5CD9999ABC" } });

        var second = await _w.GenerateAsync(_w.Assistant, number, DocumentKind.DictamenExcel);

        Assert.Equal(2, second.Version);
        Assert.Equal($"{number}-dictamen-v2.xlsx", second.Attachment.FileName);
        using var v1 = new XLWorkbook(new MemoryStream(await _w.ReadAsync(_w.Director, number, DocumentKind.DictamenExcel, 1)));
        using var v2 = new XLWorkbook(new MemoryStream(await _w.ReadAsync(_w.Director, number, DocumentKind.DictamenExcel)));
        Assert.Equal("5CD1234XYZ", v1.Worksheet("Dictamen").Cell("B13").GetString());
        Assert.Equal("5CD9999ABC", v2.Worksheet("Dictamen").Cell("B13").GetString());
        Assert.Equal("2", v2.Worksheet("Dictamen").Cell("B5").GetString());
        var versions = await _w.Documents(d => d.ListAsync(_w.Requester, number, CancellationToken.None));
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        var details = await _w.Db.Requests(r => r.Queries.GetAsync(_w.Director, number, CancellationToken.None));
        Assert.Equal(2, details.Attachments.Count(a => a.Kind == AttachmentKind.Dictamen));
        Assert.Contains(details.History, h => h.Detail == $"dictamen técnico (Excel), versión 2: {number}-dictamen-v2.xlsx");
    }

    [Fact]
    public async Task GenerateAsync_ExcelAndPdf_ShareOneVersionNumber()
    {
        var number = await _w.DictamenInElaborationAsync(Photos(1));

        var excel1 = await _w.GenerateAsync(_w.Assistant, number, DocumentKind.DictamenExcel);
        var pdf1 = await _w.GenerateAsync(_w.Assistant, number, DocumentKind.DictamenPdf);
        await _w.AttachAsync(_w.Technician, number, AttachmentKind.Fotografia, "placa.png", "image/png", TestImages.Png(400, 300, 9));
        var pdf2 = await _w.GenerateAsync(_w.Assistant, number, DocumentKind.DictamenPdf);
        var excel2 = await _w.GenerateAsync(_w.Assistant, number, DocumentKind.DictamenExcel);

        Assert.Equal((1, 1, 2, 2), (excel1.Version, pdf1.Version, pdf2.Version, excel2.Version));
        Assert.Equal($"{number}-dictamen-v1.pdf", pdf1.Attachment.FileName);
        Assert.Equal($"{number}-dictamen-v2.xlsx", excel2.Attachment.FileName);
        using var book = new XLWorkbook(new MemoryStream(await _w.ReadAsync(_w.Assistant, number, DocumentKind.DictamenExcel)));
        Assert.Equal("2", book.Worksheet("Dictamen").Cell("B5").GetString());
    }

    [Fact]
    public async Task FireEnviarARevision_BeforeTheDictamenIsGenerated_IsRefusedAndAfterwardsGoes()
    {
        var number = await _w.DictamenInElaborationAsync(Photos(1));

        var refused = await Assert.ThrowsAsync<DomainException>(() => _w.FireAsync(_w.Assistant, number, "enviar-a-revision"));
        Assert.Equal(ErrorKind.Invalid, refused.Kind);
        Assert.Contains("falta generar el dictamen técnico", refused.Message, StringComparison.Ordinal);

        await _w.GenerateAsync(_w.Assistant, number, DocumentKind.DictamenPdf);
        var sent = await _w.FireAsync(_w.Assistant, number, "enviar-a-revision");
        Assert.Equal("En revisión", sent.Summary.State);
    }

    [Fact]
    public async Task GenerateAsync_NewPhotoDuringElaboration_MakesANewVersionWithIt()
    {
        var number = await _w.DictamenInElaborationAsync(Photos(1));
        await _w.GenerateAsync(_w.Assistant, number, DocumentKind.DictamenExcel);
        await _w.AttachAsync(_w.Technician, number, AttachmentKind.Fotografia, "placa.png", "image/png", TestImages.Png(400, 300, 9));

        var second = await _w.GenerateAsync(_w.Assistant, number, DocumentKind.DictamenExcel);

        Assert.Equal(2, second.Version);
        using var book = new XLWorkbook(new MemoryStream(await _w.ReadAsync(_w.Assistant, number, DocumentKind.DictamenExcel)));
        Assert.Equal(2, book.Worksheet("Fotografías").Pictures.Count);
    }

    [Fact]
    public async Task GenerateAsync_AfterSigning_KeepsTheSignedVersion()
    {
        var number = await _w.DictamenInElaborationAsync(Photos(1));
        var signed = await _w.GenerateAsync(_w.Assistant, number, DocumentKind.DictamenPdf);
        await _w.FireAsync(_w.Assistant, number, "enviar-a-revision");
        await _w.FireAsync(_w.Technician, number, "firmar-tecnico");
        await _w.FireAsync(_w.Director, number, "firmar");
        await _w.Db.PersonAsync("Segundo Director", Core.People.Role.ItDirector); // the director's name would now be blank

        var after = await _w.GenerateAsync(_w.Requester, number, DocumentKind.DictamenPdf);

        Assert.Equal(signed.Attachment.Id, after.Attachment.Id);
    }

    [Fact]
    public async Task GenerateAsync_BeforeTheTechnicianSentTheData_IsRefused()
    {
        var created = await _w.Db.Requests(r => r.Opening.OpenAsync(_w.Requester, new Core.Requests.NewRequest
        {
            ProcedureCode = ProcedureCodes.DictamenTecnico,
            Title = "Dictamen del teléfono",
        }, CancellationToken.None));

        var e = await Assert.ThrowsAsync<DomainException>(() => _w.GenerateAsync(_w.Assistant, created.Summary.Number, DocumentKind.DictamenPdf));

        Assert.Equal(ErrorKind.InvalidState, e.Kind);
        Assert.Contains("«Solicitado»", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_OnASupportTicket_IsRefused()
    {
        var ticket = await _w.Db.Requests(r => r.Opening.OpenAsync(_w.Requester, new Core.Requests.NewRequest
        {
            ProcedureCode = ProcedureCodes.SoporteTecnico,
            Title = "Mi impresora no imprime",
        }, CancellationToken.None));

        var e = await Assert.ThrowsAsync<DomainException>(() => _w.GenerateAsync(_w.Requester, ticket.Summary.Number, DocumentKind.DictamenExcel));

        Assert.Equal(ErrorKind.Invalid, e.Kind);
    }

    [Fact]
    public async Task Documents_PersonNotTakingPart_GetsNotFound()
    {
        var number = await _w.DictamenInElaborationAsync(Photos(1));
        await _w.GenerateAsync(_w.Assistant, number, DocumentKind.DictamenPdf);

        var generate = await Assert.ThrowsAsync<DomainException>(() => _w.GenerateAsync(_w.Outsider, number, DocumentKind.DictamenPdf));
        var open = await Assert.ThrowsAsync<DomainException>(() => _w.ReadAsync(_w.Outsider, number, DocumentKind.DictamenPdf));
        var list = await Assert.ThrowsAsync<DomainException>(() => _w.Documents(d => d.ListAsync(_w.Outsider, number, CancellationToken.None)));

        Assert.All(new[] { generate, open, list }, e => Assert.Equal(ErrorKind.NotFound, e.Kind));
        Assert.Single(await _w.Documents(d => d.ListAsync(_w.Requester, number, CancellationToken.None)));
    }

    [Fact]
    public async Task OpenAsync_VersionThatDoesNotExist_IsNotFound()
    {
        var number = await _w.DictamenInElaborationAsync(Photos(1));
        await _w.GenerateAsync(_w.Assistant, number, DocumentKind.DictamenPdf);

        var e = await Assert.ThrowsAsync<DomainException>(() => _w.ReadAsync(_w.Requester, number, DocumentKind.DictamenPdf, 7));

        Assert.Equal(ErrorKind.NotFound, e.Kind);
    }
}
