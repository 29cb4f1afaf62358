using SosepBot.Core.Attachments;
using SosepBot.Core.Audit;
using SosepBot.Core.Documents;
using SosepBot.Core.Errors;
using SosepBot.Core.Procedures;
using SosepBot.Core.Procedures.Catalog;
using SosepBot.Core.Requests;

namespace SosepBot.Documents.Tests;

/// <summary>The manual's forms DI-Frm_001 … DI-Frm_004 as printable PDFs filled from the request.</summary>
public sealed class FormTests : IAsyncLifetime
{
    private DocumentWorld _w = null!;

    public async Task InitializeAsync() => _w = await DocumentWorld.CreateAsync();

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private async Task<string> OpenAsync(string code)
    {
        var (procedure, form) = Forms.For(code);
        var created = await _w.Db.Requests(r => r.Opening.OpenAsync(_w.Requester, new NewRequest
        {
            ProcedureCode = procedure,
            Title = $"Solicitud con el formulario {code}",
            Description = "Solicitud de prueba con tildes: acción, gestión, información.",
            Form = form,
        }, CancellationToken.None));
        return created.Summary.Number;
    }

    [Theory]
    [InlineData(FormCatalog.Modulos, "Formulario de creación y/o mantenimiento de módulos", "Módulos de Sistemas de Información", "Sistema de Inventarios")]
    [InlineData(FormCatalog.UsuariosModulos, "Formulario de Creación y/o Actualización de usuarios de sistemas", "Perfil que tendrá", "Digitador de beneficiarios")]
    [InlineData(FormCatalog.CorreoInternet, "Formulario de Creación y/o Actualización de cuentas de correo institucional", "Navegación Total", "Licda. Ana Morales")]
    [InlineData(FormCatalog.SigesSicoin, "cuentas de usuarios SIGES/SICOIN", "Cuenta SICOIN", "Firma Solicitante (acepta)")]
    public async Task GenerateAsync_Form_IsFilledWithCodeVersionDateAndSignatureBoxes(string code, string title, string specific1, string specific2)
    {
        var number = await OpenAsync(code);

        var view = await _w.GenerateAsync(_w.Requester, number, DocumentKind.Formulario);
        var pdf = await _w.ReadAsync(_w.Requester, number, DocumentKind.Formulario);
        await PdfTools.KeepAsync($"{code}.pdf", pdf);
        var text = await PdfTools.TextAsync(pdf);

        Assert.Equal($"{number}-{code}-v1.pdf", view.Attachment.FileName);
        Assert.Equal(AttachmentKind.FormularioParaFirma, view.Attachment.Kind);
        var authorisation = code is FormCatalog.CorreoInternet or FormCatalog.SigesSicoin ? "Autorización Director(a) / Jefe(a)" : "Autorización Director(a)";
        foreach (var expected in new[]
        {
            "Dirección de Informática", title, "Vigencia / Versión", "15/01/2020", "Formato", code, number, "02/03/2026",
            "Nombres Completos *", "Luis Fernando", "Apellidos Completos *", "Castillo Méndez", "CUI **", Forms.Cui, "NIT *", Forms.Nit,
            "Cargo / Puesto", "Firma Solicitante:", "Dirección Informática", "Comentarios", authorisation, "Vo.Bo. Gestión",
            "La Dirección Informática evalúa la solicitud", specific1, specific2,
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.Equal(1, await PdfTools.PagesAsync(pdf));
    }

    [Fact]
    public async Task GenerateAsync_FormOfATicket_IsRefused()
    {
        var ticket = await _w.Db.Requests(r => r.Opening.OpenAsync(_w.Requester, new NewRequest { ProcedureCode = ProcedureCodes.SoporteTecnico, Title = "Sin red" }, CancellationToken.None));

        var e = await Assert.ThrowsAsync<DomainException>(() => _w.GenerateAsync(_w.Requester, ticket.Summary.Number, DocumentKind.Formulario));

        Assert.Equal(ErrorKind.Invalid, e.Kind);
    }

    [Fact]
    public async Task GenerateAsync_FormOfSomebodyElse_IsNotFound()
    {
        var number = await OpenAsync(FormCatalog.CorreoInternet);

        var e = await Assert.ThrowsAsync<DomainException>(() => _w.GenerateAsync(_w.Outsider, number, DocumentKind.Formulario));

        Assert.Equal(ErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public async Task GenerateAsync_TheGeneratedForm_DoesNotCountAsTheSignedForm()
    {
        var number = await OpenAsync(FormCatalog.CorreoInternet);
        await _w.GenerateAsync(_w.Assistant, number, DocumentKind.Formulario);

        var details = await _w.Db.Requests(r => r.Queries.GetAsync(_w.Assistant, number, CancellationToken.None));

        Assert.DoesNotContain(details.Attachments, a => a.Kind == AttachmentKind.FormularioFirmado);
        Assert.Contains(details.Attachments, a => a.Kind == AttachmentKind.FormularioParaFirma);
    }

    [Fact]
    public async Task OpenAsync_GeneratedForm_IsRefusedToStaffWithNoStepInTheProcedureAndEveryDownloadIsAudited()
    {
        // DS-UI-07: the Director of the IT unit has no step in it, so the form's CUI and NIT are not his.
        var number = await OpenAsync(FormCatalog.CorreoInternet);
        var generated = await _w.GenerateAsync(_w.Assistant, number, DocumentKind.Formulario);

        var refused = await Assert.ThrowsAsync<DomainException>(() => _w.ReadAsync(_w.Director, number, DocumentKind.Formulario));
        Assert.Equal(ErrorKind.Forbidden, refused.Kind);
        Assert.Contains("datos personales", refused.Message, StringComparison.Ordinal);
        var regenerate = await Assert.ThrowsAsync<DomainException>(() => _w.GenerateAsync(_w.Director, number, DocumentKind.Formulario));
        Assert.Equal(ErrorKind.Forbidden, regenerate.Kind);
        Assert.Empty(await Downloads(number));

        Assert.NotEmpty(await _w.ReadAsync(_w.Technician, number, DocumentKind.Formulario));
        Assert.NotEmpty(await _w.ReadAsync(_w.Requester, number, DocumentKind.Formulario));

        var downloads = await Downloads(number);
        Assert.Equal([_w.Technician.DisplayName, _w.Requester.DisplayName], downloads.Select(d => d.Actor));
        Assert.All(downloads, d => Assert.Contains($"versión 1: {generated.Attachment.FileName}", d.Detail, StringComparison.Ordinal));
        Assert.DoesNotContain((await _w.Db.Requests(r => r.Queries.GetAsync(_w.Requester, number, CancellationToken.None))).History, h => h.Kind == AuditKind.Download);
    }

    [Fact]
    public async Task AvailableAsync_FormForThoseWhoMaySeeItsData_NothingForATicketOrAnOutsider()
    {
        var number = await OpenAsync(FormCatalog.CorreoInternet);
        var ticket = await _w.Db.Requests(r => r.Opening.OpenAsync(_w.Requester, new NewRequest { ProcedureCode = ProcedureCodes.SoporteTecnico, Title = "Sin red" }, CancellationToken.None));

        Assert.Equal([DocumentKind.Formulario], await _w.Documents(d => d.AvailableAsync(_w.Requester, number, CancellationToken.None)));
        Assert.Equal([DocumentKind.Formulario], await _w.Documents(d => d.AvailableAsync(_w.Technician, number, CancellationToken.None)));
        Assert.Empty(await _w.Documents(d => d.AvailableAsync(_w.Director, number, CancellationToken.None))); // no step in DS-UI-07: no personal data
        Assert.Empty(await _w.Documents(d => d.AvailableAsync(_w.Requester, ticket.Summary.Number, CancellationToken.None)));
        var outsider = await Assert.ThrowsAsync<DomainException>(() => _w.Documents(d => d.AvailableAsync(_w.Outsider, number, CancellationToken.None)));
        Assert.Equal(ErrorKind.NotFound, outsider.Kind);
    }

    private async Task<List<HistoryItem>> Downloads(string number) =>
        (await _w.Db.Requests(r => r.Queries.GetAsync(_w.Assistant, number, CancellationToken.None))).History.Where(h => h.Kind == AuditKind.Download).ToList();
}
