using SosepBot.Core.Attachments;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Procedures;

/// <summary>DS-UI-07 (domain and mail account, DI-Frm_003) and SIGES/SICOIN (DI-Frm_004), through the request service.</summary>
public sealed class AccountRequestFlowTests(ProcedureDatabase database) : IClassFixture<ProcedureDatabase>, IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Flow _flow = null!;
    private Actor _unitDirector = null!;
    private Actor _assistant = null!;
    private Actor _serverAdmin = null!;
    private Actor _dba = null!;
    private Actor _technician = null!;
    private Actor _otherTechnician = null!;
    private Actor _infraHead = null!;

    public async Task InitializeAsync()
    {
        _db = database.Db;
        _flow = new Flow(_db);
        _unitDirector = await _flow.PersonAsync("Directora Recursos Humanos", Role.UnitDirector);
        _assistant = await _flow.PersonAsync("Asistente Informatica", Role.Assistant);
        _serverAdmin = await _flow.PersonAsync("Admin Servidores", Role.ServerAdmin);
        _dba = await _flow.PersonAsync("Tecnico Base Datos", Role.Dba);
        _technician = await _flow.PersonAsync("Tito Tecnico", Role.Technician);
        _otherTechnician = await _flow.PersonAsync("Otra Tecnica", Role.Technician);
        _infraHead = await _flow.PersonAsync("Jefe Infraestructura", Role.InfraHead);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> Codes() => [ProcedureCodes.UsuarioDominio, ProcedureCodes.SigesSicoin];

    [Fact]
    public async Task Flow_DsUi07ManualHappyPath_GoesFromSolicitadaToFinalizada()
    {
        var number = await OpenAsync(ProcedureCodes.UsuarioDominio, ChangeKind.Nuevo);
        await AttachPaperworkAsync(number, dpi: true, nit: true);
        await _flow.StepAsync(_assistant, number, "verificar", "En verificación");
        var moved = await _flow.StepAsync(_assistant, number, "trasladar", "En creación", new ActionInput { AssigneeId = _serverAdmin.PersonId });
        Assert.Equal(_serverAdmin.PersonId, moved.Summary.Assignee?.Id);
        var created = await _flow.StepAsync(_serverAdmin, number, "crear-cuenta", "Configuración del equipo");
        Assert.Null(created.Summary.Assignee);
        var assigned = await _flow.StepAsync(_infraHead, number, "asignar-tecnico", "Configuración del equipo", new ActionInput { AssigneeId = _technician.PersonId });
        Assert.Equal(_technician.PersonId, assigned.Summary.Assignee?.Id);
        var done = await _flow.StepAsync(_technician, number, "configurar-equipo", "Finalizada");

        Assert.True(done.Summary.IsClosed);
        Assert.Equal(["Solicitada", "En verificación", "En creación", "Configuración del equipo", "Configuración del equipo", "Finalizada"], Flow.Path(done));
        Assert.Equal(InternetAccess.SinSocialSinStreaming, done.Form?.InternetAccess);
        Assert.Equal(3, done.Attachments.Count);
    }

    [Fact]
    public async Task Flow_SigesSicoinHappyPath_DbaCreatesTheAccount()
    {
        var number = await OpenAsync(ProcedureCodes.SigesSicoin, ChangeKind.Nuevo);
        await AttachPaperworkAsync(number, dpi: true, nit: true);
        await _flow.StepAsync(_assistant, number, "verificar", "En verificación");
        await _flow.StepAsync(_assistant, number, "trasladar", "En creación");
        await _flow.StepAsync(_dba, number, "crear-cuenta", "Configuración del equipo");
        await _flow.StepAsync(_technician, number, "tomar", "Configuración del equipo");
        var done = await _flow.StepAsync(_technician, number, "configurar-equipo", "Finalizada");

        Assert.Equal(["Solicitada", "En verificación", "En creación", "Configuración del equipo", "Configuración del equipo", "Finalizada"], Flow.Path(done));
        Assert.True(done.Form?.SicoinAccount);
        Assert.Equal(Forms.ValidNitWithK, done.Form?.Nit);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task Fire_ConfigurarEquipoByATechnicianNotAssigned_IsForbiddenUntilAssignedOrTaken(string code)
    {
        var number = await OpenAsync(code, ChangeKind.Nuevo);
        await AttachPaperworkAsync(number, dpi: true, nit: true);
        await _flow.StepAsync(_assistant, number, "verificar", "En verificación");
        await _flow.StepAsync(_assistant, number, "trasladar", "En creación", new ActionInput { AssigneeId = _serverAdmin.PersonId });
        await _flow.StepAsync(_serverAdmin, number, "crear-cuenta", "Configuración del equipo");

        // Nobody owns step 4 yet: no technician may close it.
        await _flow.RefusedAsync(_technician, number, "configurar-equipo", ActionInput.None, ErrorKind.Forbidden, "Técnico de Hardware y Software (asignado)");
        // Only the Jefe de Infraestructura y HelpDesk assigns, and only a technician.
        await _flow.RefusedAsync(_technician, number, "asignar-tecnico", new ActionInput { AssigneeId = _technician.PersonId }, ErrorKind.Forbidden, "Jefe de Infraestructura y HelpDesk");
        await _flow.RefusedAsync(_infraHead, number, "asignar-tecnico", new ActionInput { AssigneeId = _dba.PersonId }, ErrorKind.Invalid, "Técnico de Hardware y Software");
        await _flow.StepAsync(_infraHead, number, "asignar-tecnico", "Configuración del equipo", new ActionInput { AssigneeId = _otherTechnician.PersonId });

        // Once somebody has it, nobody else takes it or closes it.
        await _flow.RefusedAsync(_technician, number, "tomar", ActionInput.None, ErrorKind.Invalid, "No se puede «Tomar la configuración del equipo»: ya tiene un técnico asignado.");
        await _flow.RefusedAsync(_technician, number, "configurar-equipo", ActionInput.None, ErrorKind.Forbidden, "(asignado)");
        var done = await _flow.StepAsync(_otherTechnician, number, "configurar-equipo", "Finalizada");

        Assert.Equal(_otherTechnician.PersonId, done.Summary.Assignee?.Id);
        var last = done.History[^1];
        Assert.Equal("configurar-equipo", last.Action);
        Assert.Equal(Role.Technician.ToSpanish(), last.Role);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task Fire_DevolverThenReenviar_GoesBackToSolicitadaAndIsVerifiedAgain(string code)
    {
        var number = await OpenAsync(code, ChangeKind.Nuevo);
        await _flow.StepAsync(_assistant, number, "verificar", "En verificación");

        await _flow.RefusedAsync(_assistant, number, "devolver", ActionInput.None, ErrorKind.Invalid, "indicar qué falta");
        await _flow.StepAsync(_assistant, number, "devolver", "Devuelta", new ActionInput { Text = "Falta la firma del usuario y la copia del DPI." });
        await _flow.RefusedAsync(_assistant, number, "reenviar", ActionInput.None, ErrorKind.Forbidden, "el solicitante");
        await AttachPaperworkAsync(number, dpi: true, nit: true);
        await _flow.StepAsync(_unitDirector, number, "reenviar", "Solicitada");
        await _flow.StepAsync(_assistant, number, "verificar", "En verificación");
        var moved = await _flow.StepAsync(_assistant, number, "trasladar", "En creación");

        Assert.Equal(["Solicitada", "En verificación", "Devuelta", "Solicitada", "En verificación", "En creación"], Flow.Path(moved));
    }

    [Theory]
    [InlineData(ProcedureCodes.UsuarioDominio, ChangeKind.Nuevo)]
    [InlineData(ProcedureCodes.UsuarioDominio, ChangeKind.Baja)]
    [InlineData(ProcedureCodes.SigesSicoin, ChangeKind.Nuevo)]
    [InlineData(ProcedureCodes.SigesSicoin, ChangeKind.Baja)]
    public async Task Fire_TrasladarWithoutDpiAndNitCopies_IsRefusedForNewAndRemoval(string code, ChangeKind kind)
    {
        var number = await OpenAsync(code, kind);
        await _flow.AttachAsync(_unitDirector, number, AttachmentKind.FormularioFirmado);
        await _flow.StepAsync(_assistant, number, "verificar", "En verificación");

        await _flow.RefusedAsync(_assistant, number, "trasladar", ActionInput.None, ErrorKind.Invalid,
            "adjuntar fotocopia del DPI", "adjuntar fotocopia del NIT");
        await _flow.AttachAsync(_unitDirector, number, AttachmentKind.CopiaDpi, "image/jpeg");
        var refusal = await _flow.RefusedAsync(_assistant, number, "trasladar", ActionInput.None, ErrorKind.Invalid, "adjuntar fotocopia del NIT");
        Assert.DoesNotContain("DPI", refusal.Message, StringComparison.Ordinal);
        await _flow.AttachAsync(_unitDirector, number, AttachmentKind.CopiaNit);
        await _flow.StepAsync(_assistant, number, "trasladar", "En creación");
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task Fire_TrasladarUpdateWithoutDpiAndNit_IsAllowedButNeedsTheSignedForm(string code)
    {
        var number = await OpenAsync(code, ChangeKind.Actualizacion);
        await _flow.StepAsync(_assistant, number, "verificar", "En verificación");

        var refusal = await _flow.RefusedAsync(_assistant, number, "trasladar", ActionInput.None, ErrorKind.Invalid, "adjuntar formulario firmado");
        Assert.DoesNotContain("DPI", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("NIT", refusal.Message, StringComparison.Ordinal);
        await _flow.AttachAsync(_unitDirector, number, AttachmentKind.FormularioFirmado);
        await _flow.StepAsync(_assistant, number, "trasladar", "En creación");
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task Fire_TrasladarNewAccountWithCopiesButNoSignedForm_IsRefused(string code)
    {
        var number = await OpenAsync(code, ChangeKind.Nuevo);
        await _flow.AttachAsync(_unitDirector, number, AttachmentKind.CopiaDpi);
        await _flow.AttachAsync(_unitDirector, number, AttachmentKind.CopiaNit);
        await _flow.StepAsync(_assistant, number, "verificar", "En verificación");

        await _flow.RefusedAsync(_assistant, number, "trasladar", ActionInput.None, ErrorKind.Invalid, "adjuntar formulario firmado");
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task Fire_RemovalRequest_IsDeactivatedNotCreatedAndEndsWithoutEquipmentConfiguration(string code)
    {
        var number = await OpenAsync(code, ChangeKind.Baja);
        await AttachPaperworkAsync(number, dpi: true, nit: true);
        await _flow.StepAsync(_assistant, number, "verificar", "En verificación");
        await _flow.StepAsync(_assistant, number, "trasladar", "En creación");

        await _flow.RefusedAsync(_serverAdmin, number, "crear-cuenta", ActionInput.None, ErrorKind.Invalid, "la solicitud es una baja: use «Cuenta dada de baja»");
        var done = await _flow.StepAsync(_serverAdmin, number, "dar-de-baja", "Finalizada");

        Assert.True(done.Summary.IsClosed);
        Assert.Equal(["Solicitada", "En verificación", "En creación", "Finalizada"], Flow.Path(done));
    }

    [Theory]
    [InlineData(ProcedureCodes.UsuarioDominio, ChangeKind.Nuevo)]
    [InlineData(ProcedureCodes.UsuarioDominio, ChangeKind.Actualizacion)]
    [InlineData(ProcedureCodes.SigesSicoin, ChangeKind.Nuevo)]
    [InlineData(ProcedureCodes.SigesSicoin, ChangeKind.Actualizacion)]
    public async Task Fire_DarDeBajaOnNewOrUpdate_IsRefused(string code, ChangeKind kind)
    {
        var number = await OpenAsync(code, kind);
        await AttachPaperworkAsync(number, dpi: true, nit: true);
        await _flow.StepAsync(_assistant, number, "verificar", "En verificación");
        await _flow.StepAsync(_assistant, number, "trasladar", "En creación");

        await _flow.RefusedAsync(_serverAdmin, number, "dar-de-baja", ActionInput.None, ErrorKind.Invalid, "la solicitud no es una baja: use «Cuenta creada o actualizada»");
        await _flow.StepAsync(_serverAdmin, number, "crear-cuenta", "Configuración del equipo");
    }

    [Fact]
    public async Task Fire_CrearCuentaDomainByDba_IsForbidden()
    {
        var number = await OpenAsync(ProcedureCodes.UsuarioDominio, ChangeKind.Nuevo);
        await AttachPaperworkAsync(number, dpi: true, nit: true);
        await _flow.StepAsync(_assistant, number, "verificar", "En verificación");
        await _flow.StepAsync(_assistant, number, "trasladar", "En creación");

        await _flow.RefusedAsync(_dba, number, "crear-cuenta", ActionInput.None, ErrorKind.Forbidden, "Administrador de Servidores");
    }

    [Fact]
    public async Task Fire_TrasladarToPersonWhoIsNotServerAdmin_IsRefused()
    {
        var number = await OpenAsync(ProcedureCodes.UsuarioDominio, ChangeKind.Nuevo);
        await AttachPaperworkAsync(number, dpi: true, nit: true);
        await _flow.StepAsync(_assistant, number, "verificar", "En verificación");

        await _flow.RefusedAsync(_assistant, number, "trasladar", new ActionInput { AssigneeId = _technician.PersonId }, ErrorKind.Invalid,
            "la persona elegida debe tener el rol Administrador de Servidores");
    }

    private async Task<string> OpenAsync(string code, ChangeKind kind)
    {
        var created = await _flow.CreateAsync(_unitDirector, new NewRequest
        {
            ProcedureCode = code,
            Title = $"Cuenta para colaborador ({kind})",
            Form = code == ProcedureCodes.UsuarioDominio ? Forms.DomainAccount(kind) : Forms.FinanceAccount(kind),
        });
        Assert.Equal("Solicitada", created.Summary.State);
        Assert.Equal(kind, created.Form?.ChangeKind);
        return created.Summary.Number;
    }

    private async Task AttachPaperworkAsync(string number, bool dpi, bool nit)
    {
        await _flow.AttachAsync(_unitDirector, number, AttachmentKind.FormularioFirmado);
        if (dpi)
        {
            await _flow.AttachAsync(_unitDirector, number, AttachmentKind.CopiaDpi, "image/png");
        }

        if (nit)
        {
            await _flow.AttachAsync(_unitDirector, number, AttachmentKind.CopiaNit);
        }
    }
}
