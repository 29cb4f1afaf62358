using SosepBot.Core.Attachments;
using SosepBot.Core.Documents;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;

namespace SosepBot.Documents.Tests;

/// <summary>DS-UI-03: the maintenance conformity form of a visit, for the user's signature, and the signed copy attached back.</summary>
public sealed class ConformityTests : IAsyncLifetime
{
    private static readonly string[] Checklist = ["teclado", "mouse", "monitor", "cpu"];
    private DocumentWorld _w = null!;
    private Actor _despacho = null!;

    public async Task InitializeAsync()
    {
        _w = await DocumentWorld.CreateAsync();
        _despacho = await _w.Db.PersonAsync("Despacho Superior", Role.Despacho);
    }

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private async Task<(string Calendar, string Visit)> VisitAsync()
    {
        var head = await _w.Db.PersonAsync("Marta Jefa Financiera");
        await _w.Db.UnitAsync("Dirección Financiera", headEmail: "martajefafinanciera@sosep.gob.gt");
        var calendar = (await _w.Db.Requests(r => r.Opening.OpenAsync(_w.Director, new NewRequest
        {
            ProcedureCode = ProcedureCodes.MantenimientoPreventivo,
            Title = "Calendarización de mantenimientos preventivos 2026",
        }, CancellationToken.None))).Summary.Number;
        var visit = (await _w.Db.Requests(r => r.Opening.OpenAsync(_w.Director, new NewRequest
        {
            ProcedureCode = ProcedureCodes.VisitaMantenimiento,
            Title = "Mantenimiento preventivo Dirección Financiera",
            ParentNumber = calendar,
            ScheduledFor = new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero),
            Unit = "Dirección Financiera",
            AssigneeEmail = "titolpez@sosep.gob.gt", // TestDatabase.PersonAsync keeps the ASCII letters of the name
        }, CancellationToken.None))).Summary.Number;
        return (calendar, visit);
    }

    [Fact]
    public async Task GenerateAsync_Visit_FillsUnitDateTechnicianAndSignatureBoxes()
    {
        var (calendar, visit) = await VisitAsync();

        var view = await _w.GenerateAsync(_w.Technician, visit, DocumentKind.ConformidadMantenimiento);
        var pdf = await _w.ReadAsync(_w.Technician, visit, DocumentKind.ConformidadMantenimiento);
        await PdfTools.KeepAsync("conformidad.pdf", pdf);
        // Lines may wrap anywhere: compare with runs of white space collapsed.
        var text = System.Text.RegularExpressions.Regex.Replace(await PdfTools.TextAsync(pdf), @"\s+", " ");

        Assert.Equal(AttachmentKind.FormatoMantenimiento, view.Attachment.Kind);
        Assert.Equal($"{visit}-conformidad-mantenimiento-v1.pdf", view.Attachment.FileName);
        foreach (var expected in new[]
        {
            "FORMULARIO DE MANTENIMIENTO PREVENTIVO DE EQUIPO DE CÓMPUTO", "Procedimiento DS-UI-03", visit, calendar,
            "Dirección Financiera", "Jefe o director de la unidad", "Marta Jefa Financiera", "10/03/2026 09:00", "Tito López", "Limpieza de CPU (externa e internamente)", "Número", "No. de bien",
            "Firma y sello del usuario (conformidad)", "Técnico de Hardware y Software", "a mi entera satisfacción",
        })
        {
            // Line breaks depend on the font the process installed first (PdfFonts keeps the first): compare words, not lines.
            Assert.Contains(expected.Replace("Número", "No. de serie", StringComparison.Ordinal), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GenerateAsync_AfterTheVisitIsDone_MakesANewVersionAndTheSignedCopyClosesTheStep()
    {
        var (calendar, visit) = await VisitAsync();
        var before = await _w.GenerateAsync(_w.Technician, visit, DocumentKind.ConformidadMantenimiento);
        await _w.FireAsync(_w.Assistant, calendar, "proponer");
        await _w.FireAsync(_despacho, calendar, "aprobar");
        await _w.FireAsync(_w.Assistant, calendar, "notificar-unidades");
        await _w.FireAsync(_w.Assistant, visit, "notificar");
        _w.Db.Time.SetUtcNow(new DateTimeOffset(2026, 3, 10, 16, 30, 0, TimeSpan.Zero));
        await _w.FireAsync(_w.Technician, visit, "registrar-realizacion", new ActionInput { Checklist = Checklist });

        var after = await _w.GenerateAsync(_w.Technician, visit, DocumentKind.ConformidadMantenimiento);
        await _w.AttachAsync(_w.Technician, visit, AttachmentKind.FormularioMantenimiento, "conformidad-firmada.pdf", "application/pdf",
            await _w.ReadAsync(_w.Technician, visit, DocumentKind.ConformidadMantenimiento));
        var signed = await _w.FireAsync(_w.Technician, visit, "entregar-conformidad");

        Assert.Equal(1, before.Version);
        Assert.Equal(2, after.Version);
        Assert.Equal("Conformidad firmada", signed.Summary.State);
    }

    [Fact]
    public async Task GenerateAsync_AfterRealization_PrintsRealizationDateObservationsAndTheEquipmentRecorded()
    {
        var (calendar, visit) = await VisitAsync();
        await _w.FireAsync(_w.Assistant, calendar, "proponer");
        await _w.FireAsync(_despacho, calendar, "aprobar");
        await _w.FireAsync(_w.Assistant, calendar, "notificar-unidades");
        await _w.FireAsync(_w.Assistant, visit, "notificar");
        _w.Db.Time.SetUtcNow(new DateTimeOffset(2026, 3, 10, 16, 30, 0, TimeSpan.Zero));
        await _w.FireAsync(_w.Technician, visit, "registrar-realizacion", new ActionInput
        {
            Checklist = Checklist,
            Text = "Se cambió la pasta térmica del CPU",
            Equipment = new EquipmentData { Kind = "Computadora", Brand = "Lenovo", Model = "ThinkCentre M70", SerialNumber = "MJ0ABC12", AssetNumber = "SOSEP-7781" },
        });

        await _w.GenerateAsync(_w.Technician, visit, DocumentKind.ConformidadMantenimiento);
        var pdf = await _w.ReadAsync(_w.Technician, visit, DocumentKind.ConformidadMantenimiento);
        await PdfTools.KeepAsync("conformidad-realizada.pdf", pdf);
        var text = System.Text.RegularExpressions.Regex.Replace(await PdfTools.TextAsync(pdf), @"\s+", " ");

        foreach (var expected in new[]
        {
            "Dirección Financiera", "Marta Jefa Financiera", "Tito López", "Fecha de realización", "10/03/2026 10:30",
            "Se cambió la pasta térmica del CPU", "Lenovo", "ThinkCentre M70", "MJ0ABC12", "SOSEP-7781",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GenerateAsync_OnADictamen_IsRefused()
    {
        var number = await _w.DictamenInElaborationAsync([("foto.jpg", TestImages.Jpeg(320, 240, 1))]);

        var e = await Assert.ThrowsAsync<DomainException>(() => _w.GenerateAsync(_w.Technician, number, DocumentKind.ConformidadMantenimiento));

        Assert.Equal(ErrorKind.Invalid, e.Kind);
    }
}
