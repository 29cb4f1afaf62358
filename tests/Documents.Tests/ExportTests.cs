using ClosedXML.Excel;
using SosepBot.Core.Errors;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;

namespace SosepBot.Documents.Tests;

/// <summary>The IT director's Excel export of a filtered request list, with the time spent in each state.</summary>
public sealed class ExportTests : IAsyncLifetime
{
    private DocumentWorld _w = null!;

    public async Task InitializeAsync() => _w = await DocumentWorld.CreateAsync();

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private Task<RequestDetails> TicketAsync(string title) =>
        _w.Db.Requests(async r => (await r.Opening.OpenAsync(_w.Requester, new NewRequest { ProcedureCode = ProcedureCodes.SoporteTecnico, Title = title }, CancellationToken.None)).Details);

    [Fact]
    public async Task ExportAsync_FilteredByProcedure_ListsEachRequestWithTimeInEachStateAndOverdue()
    {
        // Monday 09:00 in Guatemala: two tickets and a dictamen; one ticket is assigned at 11:00; the export is at 14:00.
        var assigned = (await TicketAsync("Sin acceso a la red")).Summary.Number;
        var waiting = (await TicketAsync("Mi impresora no imprime")).Summary.Number;
        await _w.DictamenInElaborationAsync([("foto.jpg", TestImages.Jpeg(320, 240, 1))]);
        _w.Db.Time.Advance(TimeSpan.FromHours(2));
        await _w.FireAsync(_w.InfraHead, assigned, "asignar", new ActionInput { AssigneeId = _w.Technician.PersonId });
        _w.Db.Time.Advance(TimeSpan.FromHours(3));

        var file = await _w.Documents(d => d.ExportAsync(_w.Director, new RequestFilter { ProcedureCode = "DS-UI-04" }, CancellationToken.None));
        await PdfTools.KeepAsync("export.xlsx", file.Content);

        Assert.Equal(2, file.Rows);
        Assert.Equal("solicitudes-20260302-1400.xlsx", file.FileName);
        using var book = new XLWorkbook(new MemoryStream(file.Content));
        var list = book.Worksheet("Solicitudes");
        Assert.Equal(
            ["Procedimiento", "Nombre del procedimiento", "Número", "Asunto", "Solicitante", "Estado", "Asignado a", "Creada", "Actualizada", "Cerrada", "Vence", "Vencida", "Tiempo por estado (horas hábiles)"],
            list.Row(1).Cells(1, 13).Select(c => c.GetString()));
        var rows = list.RowsUsed().Skip(1).ToDictionary(r => r.Cell(3).GetString());
        Assert.Equal([assigned, waiting], rows.Keys.Order());
        var a = rows[assigned];
        Assert.Equal("DS-UI-04", a.Cell(1).GetString());
        Assert.Equal("Sin acceso a la red", a.Cell(4).GetString());
        Assert.Equal("Ana Pérez", a.Cell(5).GetString());
        Assert.Equal("Asignado", a.Cell(6).GetString());
        Assert.Equal("Tito López", a.Cell(7).GetString());
        Assert.Equal(new DateTime(2026, 3, 2, 9, 0, 0), a.Cell(8).GetDateTime());
        Assert.Equal("No", a.Cell(12).GetString());
        Assert.Equal("Abierto: 2.0 h; Asignado: 3.0 h", a.Cell(13).GetString());
        var w = rows[waiting];
        Assert.Equal("Abierto", w.Cell(6).GetString());
        Assert.Equal("Sí", w.Cell(12).GetString());
        Assert.Equal(new DateTime(2026, 3, 2, 13, 0, 0), w.Cell(11).GetDateTime());

        var states = book.Worksheet("Tiempo por estado").RowsUsed().Skip(1)
            .Select(r => (r.Cell(1).GetString(), r.Cell(3).GetString(), r.Cell(6).GetDouble(), r.Cell(5).IsEmpty())).ToList();
        Assert.Contains((assigned, "Abierto", 2.0, false), states);
        Assert.Contains((assigned, "Asignado", 3.0, true), states);
        Assert.Contains((waiting, "Abierto", 5.0, true), states);
        Assert.Equal("Procedimiento: DS-UI-04", book.Worksheet("Filtro").Cell("B5").GetString());
    }

    [Fact]
    public async Task ExportAsync_NotTheItDirector_IsRefused()
    {
        await TicketAsync("Sin red");

        var e = await Assert.ThrowsAsync<DomainException>(() => _w.Documents(d => d.ExportAsync(_w.Assistant, new RequestFilter(), CancellationToken.None)));

        Assert.Equal(ErrorKind.Forbidden, e.Kind);
    }
}
