using SosepBot.Core.Attachments;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Procedures;

/// <summary>DS-UI-02 Mantenimiento de aplicaciones desarrolladas internamente (DI-Frm_001), through the request service.</summary>
public sealed class ApplicationChangeFlowTests(ProcedureDatabase database) : IClassFixture<ProcedureDatabase>, IAsyncLifetime
{
    private static readonly DateOnly PlanEnd = new(2026, 4, 17);

    private TestDatabase _db = null!;
    private Flow _flow = null!;
    private Actor _user = null!;
    private Actor _assistant = null!;
    private Actor _director = null!;
    private Actor _devHead = null!;
    private Actor _developer = null!;
    private Actor _infraHead = null!;
    private Actor _serverAdmin = null!;

    public async Task InitializeAsync()
    {
        _db = database.Db;
        _flow = new Flow(_db);
        _user = await _flow.PersonAsync("Usuaria Financiera");
        _assistant = await _flow.PersonAsync("Asistente Informatica", Role.Assistant);
        _director = await _flow.PersonAsync("Director Informatica", Role.ItDirector);
        _devHead = await _flow.PersonAsync("Jefe Desarrollo", Role.DevHead);
        _developer = await _flow.PersonAsync("Analista Uno", Role.Developer);
        _infraHead = await _flow.PersonAsync("Jefe Infra", Role.InfraHead);
        _serverAdmin = await _flow.PersonAsync("Admin Servidores", Role.ServerAdmin);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Flow_ManualHappyPath_GoesFromRecibidaToCerrada()
    {
        var number = await OpenAsync();
        await _flow.StepAsync(_assistant, number, "trasladar", "En revisión");
        await _flow.StepAsync(_director, number, "aprobar", "Por asignar");
        await _flow.StepAsync(_devHead, number, "asignar", "En análisis", new ActionInput { AssigneeId = _developer.PersonId });
        await _flow.AttachAsync(_developer, number, AttachmentKind.DocumentoRequerimiento);
        await _flow.AttachAsync(_developer, number, AttachmentKind.PlanTrabajo);
        var plan = await _flow.StepAsync(_developer, number, "enviar-plan", "Plan en aprobación", new ActionInput { PlannedEnd = PlanEnd });
        Assert.Equal(PlanEnd, plan.PlannedEnd);
        await _flow.StepAsync(_devHead, number, "aprobar-plan", "En desarrollo");
        await _flow.StepAsync(_developer, number, "liberar-a-pruebas", "En pruebas", new ActionInput { TesterIds = [_user.PersonId] });
        await _flow.AttachAsync(_user, number, AttachmentKind.InformePruebas);
        await _flow.RefusedAsync(_devHead, number, "autorizar-produccion", ActionInput.None, ErrorKind.Invalid, "la aprobación de las pruebas por 1 de los 1 usuarios de pruebas designados");
        await _flow.StepAsync(_user, number, "aprobar-pruebas", "En pruebas");
        await _flow.StepAsync(_devHead, number, "autorizar-produccion", "Autorizada a producción");
        var one = await _flow.StepAsync(_infraHead, number, "conceder-permisos-infraestructura", "Autorizada a producción");
        Assert.Equal(["permisos-infraestructura"], one.Approvals);
        var both = await _flow.StepAsync(_serverAdmin, number, "conceder-permisos-servidores", "Autorizada a producción");
        Assert.Equal(["permisos-infraestructura", "permisos-servidores"], both.Approvals);
        var informed = await _flow.StepAsync(_director, number, "informar-despacho", "Informada a Despacho");
        Assert.Empty(informed.Approvals);
        var closed = await _flow.StepAsync(_assistant, number, "cerrar", "Cerrada");

        Assert.True(closed.Summary.IsClosed);
        Assert.Equal(
            ["Recibida", "En revisión", "Por asignar", "En análisis", "Plan en aprobación", "En desarrollo", "En pruebas", "En pruebas",
             "Autorizada a producción", "Autorizada a producción", "Autorizada a producción", "Informada a Despacho", "Cerrada"],
            Flow.Path(closed));
        Assert.Equal(_developer.PersonId, closed.Summary.Assignee?.Id);
        Assert.Equal(Forms.ValidCui, closed.Form?.Cui);
        Assert.Equal(Forms.ValidNit, closed.Form?.Nit);
    }

    [Fact]
    public async Task Fire_RechazarPlan_ReturnsToAnalysisAndTheAnalystSendsANewPlan()
    {
        var number = await ToPlanApprovalAsync();

        await _flow.RefusedAsync(_devHead, number, "rechazar-plan", ActionInput.None, ErrorKind.Invalid, "indicar qué debe corregirse");
        await _flow.StepAsync(_devHead, number, "rechazar-plan", "En análisis", new ActionInput { Text = "El plan no incluye la migración de datos." });
        var newEnd = PlanEnd.AddDays(14);
        var resent = await _flow.StepAsync(_developer, number, "enviar-plan", "Plan en aprobación", new ActionInput { PlannedEnd = newEnd });
        Assert.Equal(newEnd, resent.PlannedEnd);
        await _flow.StepAsync(_devHead, number, "aprobar-plan", "En desarrollo");
    }

    [Fact]
    public async Task Fire_ReportarFallasByRequester_ReturnsToDevelopment()
    {
        var number = await ToPlanApprovalAsync();
        await _flow.StepAsync(_devHead, number, "aprobar-plan", "En desarrollo");
        var tester = await _flow.PersonAsync("Usuario Pruebas Finanzas");
        await _flow.StepAsync(_developer, number, "liberar-a-pruebas", "En pruebas", new ActionInput { TesterIds = [tester.PersonId] });

        await _flow.StepAsync(_user, number, "reportar-fallas", "En desarrollo", new ActionInput { Text = "El campo fecha no guarda." });
        await _flow.StepAsync(_developer, number, "liberar-a-pruebas", "En pruebas");
        await _flow.StepAsync(tester, number, "aprobar-pruebas", "En pruebas");
        await _flow.RefusedAsync(_devHead, number, "autorizar-produccion", ActionInput.None, ErrorKind.Invalid, "adjuntar informe de pruebas");
        // The requester reports failures but does not approve unless named a tester.
        await _flow.RefusedAsync(_user, number, "aprobar-pruebas", ActionInput.None, ErrorKind.Forbidden, "un usuario de pruebas designado");
    }

    [Fact]
    public async Task Fire_RechazarWithoutJustification_IsRefusedAndWithItCloses()
    {
        var number = await OpenAsync();
        await _flow.StepAsync(_assistant, number, "trasladar", "En revisión");

        await _flow.RefusedAsync(_director, number, "rechazar", new ActionInput(), ErrorKind.Invalid,
            "No se puede «Rechazar con justificación» todavía", "indicar la justificación");
        var rejected = await _flow.StepAsync(_director, number, "rechazar", "Rechazada",
            new ActionInput { Text = "El cambio contradice la normativa vigente." });
        Assert.True(rejected.Summary.IsClosed);
    }

    [Fact]
    public async Task Fire_InformarDespachoWithoutBothPermissions_IsRefusedNamingWhatIsMissing()
    {
        var number = await ToProductionAsync();

        await _flow.RefusedAsync(_director, number, "informar-despacho", ActionInput.None, ErrorKind.Invalid,
            "los permisos del Jefe de Infraestructura y HelpDesk", "los permisos del Administrador de Servidores");
        await _flow.StepAsync(_infraHead, number, "conceder-permisos-infraestructura", "Autorizada a producción");
        var refusal = await _flow.RefusedAsync(_director, number, "informar-despacho", ActionInput.None, ErrorKind.Invalid,
            "los permisos del Administrador de Servidores");
        Assert.DoesNotContain("Jefe de Infraestructura", refusal.Message, StringComparison.Ordinal);
        await _flow.StepAsync(_serverAdmin, number, "conceder-permisos-servidores", "Autorizada a producción");
        await _flow.StepAsync(_director, number, "informar-despacho", "Informada a Despacho");
    }

    [Fact]
    public async Task Fire_PermissionGrantedTwice_IsRefused()
    {
        var number = await ToProductionAsync();
        await _flow.StepAsync(_infraHead, number, "conceder-permisos-infraestructura", "Autorizada a producción");

        await _flow.RefusedAsync(_infraHead, number, "conceder-permisos-infraestructura", ActionInput.None, ErrorKind.Invalid,
            "ya se registró «Conceder permisos y configuraciones (Infraestructura)» en esta etapa");
    }

    [Fact]
    public async Task Fire_PermissionsByTheWrongRole_AreForbidden()
    {
        var number = await ToProductionAsync();

        await _flow.RefusedAsync(_serverAdmin, number, "conceder-permisos-infraestructura", ActionInput.None, ErrorKind.Forbidden,
            "Jefe de Infraestructura y HelpDesk");
        await _flow.RefusedAsync(_infraHead, number, "conceder-permisos-servidores", ActionInput.None, ErrorKind.Forbidden,
            "Administrador de Servidores");
    }

    [Fact]
    public async Task Fire_AsignarToPersonWithoutDeveloperRole_IsRefused()
    {
        var number = await OpenAsync();
        await _flow.StepAsync(_assistant, number, "trasladar", "En revisión");
        await _flow.StepAsync(_director, number, "aprobar", "Por asignar");

        await _flow.RefusedAsync(_devHead, number, "asignar", new ActionInput { AssigneeId = _serverAdmin.PersonId }, ErrorKind.Invalid,
            "elegir a una persona con el rol Analista Desarrollador");
        await _flow.RefusedAsync(_devHead, number, "asignar", ActionInput.None, ErrorKind.Invalid,
            "elegir a una persona con el rol Analista Desarrollador");
    }

    [Fact]
    public async Task Fire_EnviarPlanWithoutEndDateOrDocuments_IsRefusedNamingEach()
    {
        var number = await OpenAsync();
        await _flow.StepAsync(_assistant, number, "trasladar", "En revisión");
        await _flow.StepAsync(_director, number, "aprobar", "Por asignar");
        await _flow.StepAsync(_devHead, number, "asignar", "En análisis", new ActionInput { AssigneeId = _developer.PersonId });

        await _flow.RefusedAsync(_developer, number, "enviar-plan", ActionInput.None, ErrorKind.Invalid,
            "indicar la fecha de finalización del plan", "adjuntar documento de requerimiento", "adjuntar plan de trabajo");
        // The date given with a refused action is not kept.
        await _flow.RefusedAsync(_developer, number, "enviar-plan", new ActionInput { PlannedEnd = PlanEnd }, ErrorKind.Invalid,
            "adjuntar documento de requerimiento");
        Assert.Null((await _flow.GetAsync(number)).PlannedEnd);
    }

    [Fact]
    public async Task Fire_EnviarPlanByAnotherAnalyst_IsForbidden()
    {
        var number = await OpenAsync();
        var other = await _flow.PersonAsync("Analista Dos", Role.Developer);
        await _flow.StepAsync(_assistant, number, "trasladar", "En revisión");
        await _flow.StepAsync(_director, number, "aprobar", "Por asignar");
        await _flow.StepAsync(_devHead, number, "asignar", "En análisis", new ActionInput { AssigneeId = _developer.PersonId });
        await _flow.AttachAsync(_developer, number, AttachmentKind.DocumentoRequerimiento);
        await _flow.AttachAsync(_developer, number, AttachmentKind.PlanTrabajo);

        await _flow.RefusedAsync(other, number, "enviar-plan", new ActionInput { PlannedEnd = PlanEnd }, ErrorKind.Forbidden,
            "Analista Desarrollador (asignado)");
    }

    private async Task<string> OpenAsync()
    {
        var created = await _flow.CreateAsync(_user, new NewRequest
        {
            ProcedureCode = ProcedureCodes.MantenimientoAplicaciones,
            Title = "Agregar reporte de ejecución mensual",
            Form = Forms.Modules(),
        });
        Assert.Equal("Recibida", created.Summary.State);
        return created.Summary.Number;
    }

    private async Task<string> ToPlanApprovalAsync()
    {
        var number = await OpenAsync();
        await _flow.StepAsync(_assistant, number, "trasladar", "En revisión");
        await _flow.StepAsync(_director, number, "aprobar", "Por asignar");
        await _flow.StepAsync(_devHead, number, "asignar", "En análisis", new ActionInput { AssigneeId = _developer.PersonId });
        await _flow.AttachAsync(_developer, number, AttachmentKind.DocumentoRequerimiento);
        await _flow.AttachAsync(_developer, number, AttachmentKind.PlanTrabajo);
        await _flow.StepAsync(_developer, number, "enviar-plan", "Plan en aprobación", new ActionInput { PlannedEnd = PlanEnd });
        return number;
    }

    private async Task<string> ToProductionAsync()
    {
        var number = await ToPlanApprovalAsync();
        await _flow.StepAsync(_devHead, number, "aprobar-plan", "En desarrollo");
        await _flow.StepAsync(_developer, number, "liberar-a-pruebas", "En pruebas", new ActionInput { TesterIds = [_user.PersonId] });
        await _flow.AttachAsync(_user, number, AttachmentKind.InformePruebas);
        await _flow.RefusedAsync(_devHead, number, "autorizar-produccion", ActionInput.None, ErrorKind.Invalid, "la aprobación de las pruebas por 1 de los 1 usuarios de pruebas designados");
        await _flow.StepAsync(_user, number, "aprobar-pruebas", "En pruebas");
        await _flow.StepAsync(_devHead, number, "autorizar-produccion", "Autorizada a producción");
        return number;
    }
}
