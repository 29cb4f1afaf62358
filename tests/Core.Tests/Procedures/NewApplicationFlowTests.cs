using SosepBot.Core.Attachments;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Procedures;

/// <summary>DS-UI-01 Creación de nueva aplicación informática, through the request service.</summary>
public sealed class NewApplicationFlowTests(ProcedureDatabase database) : IClassFixture<ProcedureDatabase>, IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Flow _flow = null!;
    private Actor _despacho = null!;
    private Actor _assistant = null!;
    private Actor _director = null!;
    private Actor _devHead = null!;
    private Actor _developer = null!;
    private Actor _endUser = null!;
    private Actor _secondUser = null!;

    public async Task InitializeAsync()
    {
        _db = database.Db;
        _flow = new Flow(_db);
        _despacho = await _flow.PersonAsync("Despacho Superior", Role.Despacho);
        _assistant = await _flow.PersonAsync("Asistente Informatica", Role.Assistant);
        _director = await _flow.PersonAsync("Director Informatica", Role.ItDirector);
        _devHead = await _flow.PersonAsync("Jefe Desarrollo", Role.DevHead);
        _developer = await _flow.PersonAsync("Analista Uno", Role.Developer);
        _endUser = await _flow.PersonAsync("Usuaria Becas");
        _secondUser = await _flow.PersonAsync("Usuario Becas Dos");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Flow_ManualHappyPath_GoesFromSolicitadaToCerrada()
    {
        var number = await OpenAsync();
        await _flow.AttachAsync(_despacho, number, AttachmentKind.Oficio);
        await _flow.StepAsync(_assistant, number, "recibir", "Recibida");
        await _flow.StepAsync(_director, number, "evaluar", "En evaluación");
        await _flow.StepAsync(_director, number, "aceptar", "En análisis");
        var assigned = await _flow.StepAsync(_devHead, number, "asignar-analista", "En análisis", new ActionInput { AssigneeId = _developer.PersonId });
        Assert.Equal(_developer.PersonId, assigned.Summary.Assignee?.Id);
        await _flow.AttachAsync(_developer, number, AttachmentKind.DocumentoAnalisis);
        await _flow.AttachAsync(_developer, number, AttachmentKind.CalendarioActividades, "image/png");
        await _flow.StepAsync(_developer, number, "concluir-analisis", "DERCAS");
        await _flow.AttachAsync(_developer, number, AttachmentKind.Dercas);
        await _flow.StepAsync(_developer, number, "iniciar-desarrollo", "En desarrollo");
        await _flow.RefusedAsync(_developer, number, "liberar-a-pruebas", ActionInput.None, ErrorKind.Invalid, "nombrar al menos un usuario de pruebas");
        await _flow.StepAsync(_developer, number, "liberar-a-pruebas", "En pruebas de usuario", new ActionInput { TesterIds = [_endUser.PersonId] });
        await _flow.AttachAsync(_endUser, number, AttachmentKind.InformePruebas);
        await _flow.StepAsync(_endUser, number, "aprobar-pruebas", "En pruebas de usuario");
        await _flow.StepAsync(_director, number, "autorizar-liberacion", "Liberación autorizada");
        var closed = await _flow.StepAsync(_director, number, "informar-despacho", "Cerrada");

        Assert.True(closed.Summary.IsClosed);
        Assert.Empty(closed.Actions);
        Assert.Equal(
            ["Solicitada", "Recibida", "En evaluación", "En análisis", "En análisis", "DERCAS", "En desarrollo",
             "En pruebas de usuario", "En pruebas de usuario", "Liberación autorizada", "Cerrada"],
            Flow.Path(closed));
        Assert.Equal(5, closed.Attachments.Count);
    }

    [Fact]
    public async Task Fire_DevolverAEvaluacionFromAnalysis_ReturnsToEvaluationAndDirectorAcceptsAgain()
    {
        var number = await ToAnalysisAsync();

        await _flow.RefusedAsync(_devHead, number, "devolver-a-evaluacion", ActionInput.None, ErrorKind.Invalid, "indicar el motivo");
        await _flow.StepAsync(_devHead, number, "devolver-a-evaluacion", "En evaluación",
            new ActionInput { Text = "Falta definir el alcance con el Despacho." });
        var asDirector = await _db.Requests(s => s.Queries.GetAsync(_director, number, default));
        Assert.Equal(["aceptar", "rechazar"], asDirector.Actions.Select(a => a.Action).Order(StringComparer.Ordinal));
        await _flow.StepAsync(_director, number, "aceptar", "En análisis", new ActionInput { AssigneeId = _developer.PersonId });

        var after = await _flow.GetAsync(number);
        Assert.Equal(["evaluar", "aceptar", "devolver-a-evaluacion", "aceptar"], Flow.Actions(after)[1..]);
        Assert.Contains(after.History, h => h.Detail == "Falta definir el alcance con el Despacho.");
    }

    [Fact]
    public async Task Fire_ReportarFallasFromUserTests_ReturnsToDevelopmentAndIsReleasedAgain()
    {
        var number = await ToUserTestsAsync();

        await _flow.RefusedAsync(_despacho, number, "reportar-fallas", ActionInput.None, ErrorKind.Invalid, "indicar las fallas encontradas");
        await _flow.StepAsync(_despacho, number, "reportar-fallas", "En desarrollo", new ActionInput { Text = "El reporte mensual no suma bien." });
        await _flow.StepAsync(_developer, number, "liberar-a-pruebas", "En pruebas de usuario");
        await _flow.StepAsync(_developer, number, "reportar-fallas", "En desarrollo", new ActionInput { Text = "Falla encontrada en revisión interna." });
    }

    [Fact]
    public async Task Testers_NamedOnRelease_SeeTheRequestApproveOrReportAndEveryOneMustApprove()
    {
        var number = await ToDevelopmentAsync();
        var outsider = await _flow.PersonAsync("Usuario Ajeno");
        await _db.Requests(s => Assert.ThrowsAsync<DomainException>(() => s.Queries.GetAsync(_endUser, number, default)));

        var released = await _flow.StepAsync(_developer, number, "liberar-a-pruebas", "En pruebas de usuario",
            new ActionInput { TesterIds = [_endUser.PersonId, _secondUser.PersonId] });
        Assert.Equal([_endUser.PersonId, _secondUser.PersonId], released.Testers.Select(t => t.PersonId));
        Assert.Contains("Usuarios de pruebas: Usuaria Becas y Usuario Becas Dos", released.History[^1].Detail, StringComparison.Ordinal);

        // A designated tester sees the request and may approve or report; anybody else does not even find it.
        var asTester = await _db.Requests(s => s.Queries.GetAsync(_endUser, number, default));
        Assert.Equal(["aprobar-pruebas", "reportar-fallas"], asTester.Actions.Select(a => a.Action).Order(StringComparer.Ordinal));
        Assert.Contains(await _db.Requests(s => s.Queries.ListAsync(_endUser, new RequestFilter(), default)), r => r.Number == number);
        var hidden = await Assert.ThrowsAsync<DomainException>(() => _db.Requests(s => s.Queries.GetAsync(outsider, number, default)));
        Assert.Equal(ErrorKind.NotFound, hidden.Kind);
        Assert.DoesNotContain(await _db.Requests(s => s.Queries.ListAsync(outsider, new RequestFilter(), default)), r => r.Number == number);

        await _flow.AttachAsync(_endUser, number, AttachmentKind.InformePruebas);
        var approved = await _flow.StepAsync(_endUser, number, "aprobar-pruebas", "En pruebas de usuario");
        Assert.Equal(RoleNames.Tester, approved.History[^1].Role);
        await _flow.RefusedAsync(_endUser, number, "aprobar-pruebas", ActionInput.None, ErrorKind.Invalid, "usted ya aprobó esta ronda de pruebas");
        await _flow.RefusedAsync(_director, number, "autorizar-liberacion", ActionInput.None, ErrorKind.Invalid,
            "la aprobación de las pruebas por 1 de los 2 usuarios de pruebas designados");

        // A failure found by the other tester sends it back and the round's approvals are void.
        await _flow.StepAsync(_secondUser, number, "reportar-fallas", "En desarrollo", new ActionInput { Text = "No guarda la fecha de nacimiento." });
        var again = await _flow.StepAsync(_developer, number, "liberar-a-pruebas", "En pruebas de usuario");
        Assert.All(again.Testers, t => Assert.Null(t.ApprovedAt));
        await _flow.StepAsync(_endUser, number, "aprobar-pruebas", "En pruebas de usuario");
        await _flow.StepAsync(_secondUser, number, "aprobar-pruebas", "En pruebas de usuario");
        await _flow.StepAsync(_director, number, "autorizar-liberacion", "Liberación autorizada");
    }

    [Fact]
    public async Task NombrarProbadores_ReplacesTheTestersAndRefusesUnknownPeople()
    {
        var number = await ToUserTestsAsync();
        var outsider = await _flow.PersonAsync("Usuario Ajeno Dos");

        await _flow.RefusedAsync(_developer, number, "nombrar-probadores", ActionInput.None, ErrorKind.Invalid, "nombrar a los usuarios de pruebas");
        await _flow.RefusedAsync(outsider, number, "nombrar-probadores", new ActionInput { TesterIds = [outsider.PersonId] }, ErrorKind.NotFound);
        await _flow.RefusedAsync(_devHead, number, "nombrar-probadores", new ActionInput { TesterIds = [999_999] }, ErrorKind.Invalid, "no está registrado");
        var renamed = await _flow.StepAsync(_devHead, number, "nombrar-probadores", "En pruebas de usuario", new ActionInput { TesterIds = [_secondUser.PersonId] });

        Assert.Equal([_secondUser.PersonId], renamed.Testers.Select(t => t.PersonId));
        var dropped = await Assert.ThrowsAsync<DomainException>(() => _db.Requests(s => s.Actions.FireAsync(_endUser, number, "aprobar-pruebas", ActionInput.None, default)));
        Assert.Equal(ErrorKind.NotFound, dropped.Kind);
    }

    [Fact]
    public async Task Fire_RechazarWithoutJustification_IsRefusedAndWithItCloses()
    {
        var number = await OpenAsync();
        await _flow.AttachAsync(_despacho, number, AttachmentKind.Oficio);
        await _flow.StepAsync(_assistant, number, "recibir", "Recibida");
        await _flow.StepAsync(_director, number, "evaluar", "En evaluación");

        await _flow.RefusedAsync(_director, number, "rechazar", ActionInput.None, ErrorKind.Invalid,
            "No se puede «Rechazar con justificación» todavía", "indicar la justificación");
        await _flow.RefusedAsync(_director, number, "rechazar", new ActionInput { Text = "   " }, ErrorKind.Invalid, "indicar la justificación");
        var rejected = await _flow.StepAsync(_director, number, "rechazar", "Rechazada",
            new ActionInput { Text = "No hay presupuesto este año." });

        Assert.True(rejected.Summary.IsClosed);
        Assert.Equal("No hay presupuesto este año.", rejected.History[^1].Detail);
    }

    [Fact]
    public async Task Fire_RecibirWithoutOficio_IsRefusedNamingTheOficio()
    {
        var number = await OpenAsync();

        await _flow.RefusedAsync(_assistant, number, "recibir", ActionInput.None, ErrorKind.Invalid, "adjuntar oficio");
    }

    [Fact]
    public async Task Fire_ConcluirAnalisisWithoutAnalyst_IsRefused()
    {
        var number = await OpenAsync();
        await _flow.AttachAsync(_despacho, number, AttachmentKind.Oficio);
        await _flow.StepAsync(_assistant, number, "recibir", "Recibida");
        await _flow.StepAsync(_director, number, "evaluar", "En evaluación");
        await _flow.StepAsync(_director, number, "aceptar", "En análisis");
        await _flow.AttachAsync(_devHead, number, AttachmentKind.DocumentoAnalisis);
        await _flow.AttachAsync(_devHead, number, AttachmentKind.CalendarioActividades);

        await _flow.RefusedAsync(_devHead, number, "concluir-analisis", ActionInput.None, ErrorKind.Invalid, "asignar un Analista Desarrollador");
    }

    [Fact]
    public async Task Fire_AsignarAnalistaWithoutDeveloperRole_IsRefusedNamingTheRole()
    {
        var number = await ToAnalysisAsync();
        var technician = await _flow.PersonAsync("Tecnico Cualquiera", Role.Technician);

        await _flow.RefusedAsync(_devHead, number, "asignar-analista", new ActionInput { AssigneeId = technician.PersonId }, ErrorKind.Invalid,
            "elegir a una persona con el rol Analista Desarrollador");
    }

    [Fact]
    public async Task Fire_EvaluarByDevHead_IsForbiddenNamingTheDirector()
    {
        var number = await OpenAsync();
        await _flow.AttachAsync(_despacho, number, AttachmentKind.Oficio);
        await _flow.StepAsync(_assistant, number, "recibir", "Recibida");

        await _flow.RefusedAsync(_devHead, number, "evaluar", ActionInput.None, ErrorKind.Forbidden, "Director Unidad de Informática");
    }

    [Fact]
    public async Task Create_ByPlainUser_IsForbidden()
    {
        var user = await _flow.PersonAsync("Usuaria Comun");
        var before = await _flow.CountRequestsAsync();

        var refusal = await Assert.ThrowsAsync<DomainException>(() => _flow.CreateAsync(user,
            new NewRequest { ProcedureCode = ProcedureCodes.NuevaAplicacion, Title = "Quiero una app" }));

        Assert.Equal(ErrorKind.Forbidden, refusal.Kind);
        Assert.Contains("Despacho Superior", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(before, await _flow.CountRequestsAsync());
    }

    private async Task<string> OpenAsync()
    {
        var created = await _flow.CreateAsync(_despacho, new NewRequest
        {
            ProcedureCode = ProcedureCodes.NuevaAplicacion,
            Title = "Sistema de control de becas",
            Description = "Oficio DS-123-2026",
        });
        Assert.Equal("Solicitada", created.Summary.State);
        return created.Summary.Number;
    }

    private async Task<string> ToAnalysisAsync()
    {
        var number = await OpenAsync();
        await _flow.AttachAsync(_despacho, number, AttachmentKind.Oficio);
        await _flow.StepAsync(_assistant, number, "recibir", "Recibida");
        await _flow.StepAsync(_director, number, "evaluar", "En evaluación");
        await _flow.StepAsync(_director, number, "aceptar", "En análisis", new ActionInput { AssigneeId = _developer.PersonId });
        return number;
    }

    private async Task<string> ToDevelopmentAsync()
    {
        var number = await ToAnalysisAsync();
        await _flow.AttachAsync(_developer, number, AttachmentKind.DocumentoAnalisis);
        await _flow.AttachAsync(_developer, number, AttachmentKind.CalendarioActividades);
        await _flow.StepAsync(_developer, number, "concluir-analisis", "DERCAS");
        await _flow.AttachAsync(_developer, number, AttachmentKind.Dercas);
        await _flow.StepAsync(_developer, number, "iniciar-desarrollo", "En desarrollo");
        return number;
    }

    private async Task<string> ToUserTestsAsync()
    {
        var number = await ToDevelopmentAsync();
        await _flow.StepAsync(_developer, number, "liberar-a-pruebas", "En pruebas de usuario", new ActionInput { TesterIds = [_endUser.PersonId] });
        return number;
    }
}
