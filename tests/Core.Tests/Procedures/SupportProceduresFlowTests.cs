using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Procedures;

/// <summary>DS-UI-04 Soporte técnico and DS-UI-06 Soporte sedes departamentales, through the request service.</summary>
public sealed class SupportProceduresFlowTests(ProcedureDatabase database) : IClassFixture<ProcedureDatabase>, IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Flow _flow = null!;
    private Actor _user = null!;
    private Actor _infraHead = null!;
    private Actor _technician = null!;
    private Actor _siteTechnician = null!;
    private Actor _assistant = null!;

    public async Task InitializeAsync()
    {
        _db = database.Db;
        _flow = new Flow(_db);
        _user = await _db.SitePersonAsync("Ana Usuaria");
        _infraHead = await _flow.PersonAsync("Jefe Infra", Role.InfraHead);
        _technician = await _flow.PersonAsync("Tito Tecnico", Role.Technician);
        _siteTechnician = await _flow.PersonAsync("Sara Sedes", Role.SiteTechnician);
        _assistant = await _flow.PersonAsync("Asistente Informatica", Role.Assistant);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Flow_DsUi04ManualHappyPath_TechnicianClosesTheTicket()
    {
        var number = await OpenAsync(ProcedureCodes.SoporteTecnico);
        await _flow.StepAsync(_infraHead, number, "asignar", "Asignado", new ActionInput { AssigneeId = _technician.PersonId });
        await _flow.StepAsync(_technician, number, "atender", "En atención");
        await _flow.StepAsync(_technician, number, "resolver", "Resuelto", new ActionInput { Text = "Se cambió el cable de red." });
        var closed = await _flow.StepAsync(_technician, number, "cerrar", "Cerrado");

        Assert.True(closed.Summary.IsClosed);
        Assert.Equal(["Abierto", "Asignado", "En atención", "Resuelto", "Cerrado"], Flow.Path(closed));
        Assert.Equal(Role.Technician.ToSpanish(), closed.History[^1].Role);
        Assert.Equal("Tito Tecnico", closed.History[^1].Actor);
    }

    [Fact]
    public async Task Flow_DsUi06RegisteredByPhone_SiteTechnicianSolvesRemotely()
    {
        var created = await _flow.CreateAsync(_assistant, new NewRequest
        {
            ProcedureCode = ProcedureCodes.SoporteSedes,
            Title = "Sede Quetzaltenango sin acceso al sistema",
            RequesterEmail = Flow.EmailOf("Ana Usuaria"),
            Channel = Channel.Phone,
        });
        var number = created.Summary.Number;
        Assert.Equal("Abierto", created.Summary.State);
        Assert.Equal(Channel.Phone, created.Summary.OpenedVia);
        Assert.Equal(_user.PersonId, created.Summary.Requester.Id);

        await _flow.StepAsync(_infraHead, number, "asignar", "Asignado", new ActionInput { AssigneeId = _siteTechnician.PersonId });
        await _flow.StepAsync(_siteTechnician, number, "atender", "En atención");
        await _flow.StepAsync(_siteTechnician, number, "resolver", "Resuelto", new ActionInput { Text = "Se reinició la VPN por escritorio remoto." });
        var closed = await _flow.StepAsync(_siteTechnician, number, "cerrar", "Cerrado");

        Assert.Equal(["Abierto", "Asignado", "En atención", "Resuelto", "Cerrado"], Flow.Path(closed));
    }

    [Theory]
    [InlineData(ProcedureCodes.SoporteTecnico)]
    [InlineData(ProcedureCodes.SoporteSedes)]
    public async Task Fire_SolicitarInformacionThenResponder_ReturnsToAttention(string code)
    {
        var tech = code == ProcedureCodes.SoporteTecnico ? _technician : _siteTechnician;
        var number = await OpenAsync(code);
        await _flow.StepAsync(tech, number, "tomar", "En atención");

        await _flow.RefusedAsync(tech, number, "solicitar-informacion", ActionInput.None, ErrorKind.Invalid, "indicar la pregunta para el usuario");
        await _flow.StepAsync(tech, number, "solicitar-informacion", "En espera del usuario", new ActionInput { Text = "¿Qué mensaje de error aparece?" });
        await _flow.RefusedAsync(tech, number, "responder", new ActionInput { Text = "yo respondo" }, ErrorKind.Forbidden, "el solicitante");
        await _flow.RefusedAsync(_user, number, "responder", ActionInput.None, ErrorKind.Invalid, "indicar la respuesta");
        var answered = await _flow.StepAsync(_user, number, "responder", "En atención", new ActionInput { Text = "Dice 'sin conexión'." });

        Assert.Equal(tech.PersonId, answered.Summary.Assignee?.Id);
        Assert.Equal(["Abierto", "En atención", "En espera del usuario", "En atención"], Flow.Path(answered));
    }

    [Theory]
    [InlineData(ProcedureCodes.SoporteTecnico)]
    [InlineData(ProcedureCodes.SoporteSedes)]
    public async Task Fire_ResolverThenReabrir_GoesBackToReopenedAndIsAssignedAgain(string code)
    {
        var tech = code == ProcedureCodes.SoporteTecnico ? _technician : _siteTechnician;
        var number = await OpenAsync(code);
        await _flow.StepAsync(_infraHead, number, "asignar", "Asignado", new ActionInput { AssigneeId = tech.PersonId });
        await _flow.StepAsync(tech, number, "atender", "En atención");
        await _flow.RefusedAsync(tech, number, "resolver", ActionInput.None, ErrorKind.Invalid, "indicar la solución aplicada");
        await _flow.StepAsync(tech, number, "resolver", "Resuelto", new ActionInput { Text = "Se reinstaló el controlador." });

        await _flow.RefusedAsync(tech, number, "reabrir", new ActionInput { Text = "x" }, ErrorKind.Forbidden, "el solicitante");
        await _flow.RefusedAsync(_user, number, "reabrir", ActionInput.None, ErrorKind.Invalid, "indicar qué sigue fallando");
        await _flow.StepAsync(_user, number, "reabrir", "Reabierto", new ActionInput { Text = "La impresora vuelve a fallar." });
        await _flow.StepAsync(_infraHead, number, "asignar", "Asignado", new ActionInput { AssigneeId = tech.PersonId });
        await _flow.StepAsync(tech, number, "atender", "En atención");
        await _flow.StepAsync(tech, number, "resolver", "Resuelto", new ActionInput { Text = "Se cambió el fusor." });
        var closed = await _flow.StepAsync(_user, number, "cerrar", "Cerrado");

        Assert.Equal(
            ["Abierto", "Asignado", "En atención", "Resuelto", "Reabierto", "Asignado", "En atención", "Resuelto", "Cerrado"],
            Flow.Path(closed));
    }

    [Theory]
    [InlineData(ProcedureCodes.SoporteTecnico, "Sara Sedes", "Técnico de Hardware y Software")]
    [InlineData(ProcedureCodes.SoporteSedes, "Tito Tecnico", "Técnico IT Sedes Departamentales")]
    [InlineData(ProcedureCodes.SoporteTecnico, "Ana Usuaria", "Técnico de Hardware y Software")]
    public async Task Fire_AsignarToPersonWithoutTheProceduresTechnicianRole_IsRefused(string code, string name, string role)
    {
        var number = await OpenAsync(code);
        var people = new Dictionary<string, Actor> { ["Sara Sedes"] = _siteTechnician, ["Tito Tecnico"] = _technician, ["Ana Usuaria"] = _user };

        await _flow.RefusedAsync(_infraHead, number, "asignar", new ActionInput { AssigneeId = people[name].PersonId }, ErrorKind.Invalid,
            $"elegir a una persona con el rol {role}");
    }

    [Fact]
    public async Task Fire_AsignarToUnknownPerson_IsRefused()
    {
        var number = await OpenAsync(ProcedureCodes.SoporteTecnico);

        await _flow.RefusedAsync(_infraHead, number, "asignar", new ActionInput { AssigneeId = 987654 }, ErrorKind.Invalid,
            "elegir a una persona con el rol Técnico de Hardware y Software");
    }

    [Fact]
    public async Task Fire_AsignarByTechnician_IsForbidden()
    {
        var number = await OpenAsync(ProcedureCodes.SoporteTecnico);

        await _flow.RefusedAsync(_technician, number, "asignar", new ActionInput { AssigneeId = _technician.PersonId }, ErrorKind.Forbidden,
            "Jefe de Infraestructura y HelpDesk");
    }

    [Fact]
    public async Task Fire_ResolverOnClosedTicket_IsInvalidStateAndSaysNoMoreActions()
    {
        var number = await OpenAsync(ProcedureCodes.SoporteTecnico);
        await _flow.StepAsync(_user, number, "anular", "Anulado", new ActionInput { Text = "Ya funciona." });

        await _flow.RefusedAsync(_technician, number, "resolver", new ActionInput { Text = "x" }, ErrorKind.InvalidState,
            "está en «Anulado»", "ya no admite acciones");
    }

    [Fact]
    public async Task Fire_UnknownAction_IsNotFoundListingTheProceduresActions()
    {
        var number = await OpenAsync(ProcedureCodes.SoporteTecnico);

        await _flow.RefusedAsync(_infraHead, number, "despachar", ActionInput.None, ErrorKind.NotFound,
            "La acción «despachar» no existe en el procedimiento DS-UI-04", "asignar", "tomar", "resolver");
    }

    private async Task<string> OpenAsync(string code)
    {
        var created = await _flow.CreateAsync(_user, new NewRequest { ProcedureCode = code, Title = "Mi impresora no imprime" });
        Assert.Equal("Abierto", created.Summary.State);
        return created.Summary.Number;
    }
}
