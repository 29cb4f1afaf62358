using SosepBot.Core.Attachments;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Procedures.Catalog;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Procedures;

/// <summary>DS-UI-08 Usuario o módulo BSOSEP (DI-Frm_002 / DI-Frm_001), through the request service.</summary>
public sealed class BsosepUserFlowTests(ProcedureDatabase database) : IClassFixture<ProcedureDatabase>, IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Flow _flow = null!;
    private Actor _user = null!;
    private Actor _assistant = null!;
    private Actor _director = null!;
    private Actor _dba = null!;

    public async Task InitializeAsync()
    {
        _db = database.Db;
        _flow = new Flow(_db);
        _user = await _flow.PersonAsync("Coordinadora Hogares");
        _assistant = await _flow.PersonAsync("Asistente Informatica", Role.Assistant);
        _director = await _flow.PersonAsync("Director Informatica", Role.ItDirector);
        _dba = await _flow.PersonAsync("Tecnico Base Datos", Role.Dba);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Flow_ManualHappyPath_PassesThroughRecepcionProcesandoFinalizado()
    {
        var number = await OpenAsync(Forms.BsosepUser());
        await _flow.AttachAsync(_user, number, AttachmentKind.FormularioFirmado);
        var verified = await _flow.StepAsync(_assistant, number, "verificar", "RECEPCIÓN");
        Assert.Equal([BsosepVerified], verified.Approvals);
        var assigned = await _flow.StepAsync(_director, number, "asignar", "Asignada", new ActionInput { AssigneeId = _dba.PersonId });
        Assert.Equal(_dba.PersonId, assigned.Summary.Assignee?.Id);
        Assert.Empty(assigned.Approvals);
        await _flow.StepAsync(_dba, number, "procesar", "PROCESANDO");
        await _flow.StepAsync(_dba, number, "finalizar", "FINALIZADO");
        var archived = await _flow.StepAsync(_assistant, number, "archivar", "Archivada");

        Assert.True(archived.Summary.IsClosed);
        Assert.Equal(["RECEPCIÓN", "RECEPCIÓN", "Asignada", "PROCESANDO", "FINALIZADO", "Archivada"], Flow.Path(archived));
        Assert.Equal(FormCatalog.UsuariosModulos, archived.Form?.FormCode);
        Assert.Equal("Digitador de beneficiarios", archived.Form?.Profile);
    }

    [Fact]
    public async Task Flow_ModuleCreationWithDiFrm001_FollowsTheSameSteps()
    {
        var form = Forms.BsosepUser();
        form.FormCode = FormCatalog.Modulos;
        form.Profile = null;
        var number = await OpenAsync(form);
        await _flow.AttachAsync(_user, number, AttachmentKind.FormularioFirmado);
        await _flow.StepAsync(_assistant, number, "verificar", "RECEPCIÓN");
        await _flow.StepAsync(_director, number, "asignar", "Asignada", new ActionInput { AssigneeId = _dba.PersonId });
        await _flow.StepAsync(_dba, number, "procesar", "PROCESANDO");
        await _flow.StepAsync(_dba, number, "finalizar", "FINALIZADO");
        var archived = await _flow.StepAsync(_assistant, number, "archivar", "Archivada");

        Assert.Equal(FormCatalog.Modulos, archived.Form?.FormCode);
    }

    [Fact]
    public async Task Fire_DevolverThenReenviar_ReturnsToRecepcion()
    {
        var number = await OpenAsync(Forms.BsosepUser());

        await _flow.RefusedAsync(_assistant, number, "devolver", ActionInput.None, ErrorKind.Invalid, "indicar qué falta");
        await _flow.StepAsync(_assistant, number, "devolver", "Devuelta", new ActionInput { Text = "Falta el oficio firmado por la coordinadora." });
        await _flow.RefusedAsync(_director, number, "reenviar", ActionInput.None, ErrorKind.Forbidden, "el solicitante");
        await _flow.AttachAsync(_user, number, AttachmentKind.FormularioFirmado);
        await _flow.AttachAsync(_user, number, AttachmentKind.Oficio);
        await _flow.StepAsync(_user, number, "reenviar", "RECEPCIÓN");
        await _flow.StepAsync(_assistant, number, "verificar", "RECEPCIÓN");
        var assigned = await _flow.StepAsync(_director, number, "asignar", "Asignada", new ActionInput { AssigneeId = _dba.PersonId });

        Assert.Equal(["RECEPCIÓN", "Devuelta", "RECEPCIÓN", "RECEPCIÓN", "Asignada"], Flow.Path(assigned));
    }

    [Fact]
    public async Task Fire_VerificarWithoutSignedForm_IsRefused()
    {
        var number = await OpenAsync(Forms.BsosepUser());

        await _flow.RefusedAsync(_assistant, number, "verificar", ActionInput.None, ErrorKind.Invalid, "adjuntar formulario firmado");
    }

    [Fact]
    public async Task Fire_AsignarWithoutTheAssistantsVerification_IsRefusedAndAReturnVoidsIt()
    {
        var number = await OpenAsync(Forms.BsosepUser());
        await _flow.AttachAsync(_user, number, AttachmentKind.FormularioFirmado);

        await _flow.RefusedAsync(_director, number, "asignar", new ActionInput { AssigneeId = _dba.PersonId }, ErrorKind.Invalid,
            "la verificación de firmas y documentos por la Asistente");
        await _flow.RefusedAsync(_director, number, "verificar", ActionInput.None, ErrorKind.Forbidden, "Asistente");
        await _flow.StepAsync(_assistant, number, "verificar", "RECEPCIÓN");
        await _flow.RefusedAsync(_assistant, number, "verificar", ActionInput.None, ErrorKind.Invalid, "ya se registró «Verificar firmas y documentos» en esta etapa");

        // Sent back for missing papers: the verification was of the old papers, and must be done again.
        await _flow.StepAsync(_assistant, number, "devolver", "Devuelta", new ActionInput { Text = "Falta el oficio." });
        await _flow.StepAsync(_user, number, "reenviar", "RECEPCIÓN");
        await _flow.RefusedAsync(_director, number, "asignar", new ActionInput { AssigneeId = _dba.PersonId }, ErrorKind.Invalid,
            "la verificación de firmas y documentos por la Asistente");
    }

    [Fact]
    public async Task Fire_AsignarToPersonWhoIsNotDba_IsRefused()
    {
        var number = await OpenAsync(Forms.BsosepUser());
        await _flow.AttachAsync(_user, number, AttachmentKind.FormularioFirmado);

        await _flow.RefusedAsync(_director, number, "asignar", new ActionInput { AssigneeId = _assistant.PersonId }, ErrorKind.Invalid,
            "elegir a una persona con el rol Técnico de Base de Datos");
    }

    [Fact]
    public async Task Fire_ProcesarByAnotherDba_IsForbidden()
    {
        var other = await _flow.PersonAsync("Otro DBA", Role.Dba);
        var number = await OpenAsync(Forms.BsosepUser());
        await _flow.AttachAsync(_user, number, AttachmentKind.FormularioFirmado);
        await _flow.StepAsync(_assistant, number, "verificar", "RECEPCIÓN");
        await _flow.StepAsync(_director, number, "asignar", "Asignada", new ActionInput { AssigneeId = _dba.PersonId });

        await _flow.RefusedAsync(other, number, "procesar", ActionInput.None, ErrorKind.Forbidden, "Técnico de Base de Datos (asignado)");
    }

    [Fact]
    public async Task Fire_ArchivarBeforeFinalizado_IsInvalidState()
    {
        var number = await OpenAsync(Forms.BsosepUser());
        await _flow.AttachAsync(_user, number, AttachmentKind.FormularioFirmado);
        await _flow.StepAsync(_assistant, number, "verificar", "RECEPCIÓN");
        await _flow.StepAsync(_director, number, "asignar", "Asignada", new ActionInput { AssigneeId = _dba.PersonId });
        await _flow.StepAsync(_dba, number, "procesar", "PROCESANDO");

        await _flow.RefusedAsync(_assistant, number, "archivar", ActionInput.None, ErrorKind.InvalidState, "está en «PROCESANDO»");
    }

    private const string BsosepVerified = "verificacion-asistente";

    private async Task<string> OpenAsync(FormData form)
    {
        var created = await _flow.CreateAsync(_user, new NewRequest
        {
            ProcedureCode = ProcedureCodes.UsuarioBsosep,
            Title = "Usuario BSOSEP para digitador",
            Form = form,
        });
        Assert.Equal("RECEPCIÓN", created.Summary.State);
        return created.Summary.Number;
    }
}
