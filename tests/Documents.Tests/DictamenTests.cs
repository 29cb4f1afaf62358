using System.Security.Cryptography;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using SosepBot.Core.Attachments;
using SosepBot.Core.Documents;
using SosepBot.Core.Errors;
using SosepBot.Core.Procedures;

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
        var details = await _w.Db.Requests(r => r.GetAsync(_w.Director, number, CancellationToken.None));
        Assert.Equal(2, details.Attachments.Count(a => a.Kind == AttachmentKind.Dictamen));
        Assert.Contains(details.History, h => h.Detail == $"dictamen técnico (Excel), versión 2: {number}-dictamen-v2.xlsx");
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
        var created = await _w.Db.Requests(r => r.CreateAsync(_w.Requester, new Core.Requests.NewRequest
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
        var ticket = await _w.Db.Requests(r => r.CreateAsync(_w.Requester, new Core.Requests.NewRequest
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
