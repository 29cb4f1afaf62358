using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Attachments;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Procedures;

/// <summary>DS-UI-03 Mantenimiento preventivo: the calendar (DS-UI-03) and its visits (DS-UI-03-VISITA), through the request service.</summary>
public sealed class PreventiveMaintenanceFlowTests(ProcedureDatabase database) : IClassFixture<ProcedureDatabase>, IAsyncLifetime
{
    private const string TechnicianName = "Tito Tecnico";
    private static readonly IReadOnlyList<string> FullChecklist = ["teclado", "mouse", "monitor", "cpu"];

    private TestDatabase _db = null!;
    private Flow _flow = null!;
    private Actor _director = null!;
    private Actor _technician = null!;
    private Actor _assistant = null!;
    private Actor _despacho = null!;

    public async Task InitializeAsync()
    {
        _db = database.Db;
        _flow = new Flow(_db);
        _director = await _flow.PersonAsync("Director Informatica", Role.ItDirector);
        _technician = await _flow.PersonAsync(TechnicianName, Role.Technician);
        _assistant = await _flow.PersonAsync("Asistente Informatica", Role.Assistant);
        _despacho = await _flow.PersonAsync("Despacho Superior", Role.Despacho);
        foreach (var unit in (string[])["Dirección Financiera", "Dirección de Recursos Humanos", "Dirección de Comunicación"])
        {
            await _db.UnitAsync(unit);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Flow_ManualHappyPath_CalendarWithObservationAndTwoVisitsIsCompleted()
    {
        var calendar = await OpenCalendarAsync();
        await _flow.RefusedAsync(_assistant, calendar, "proponer", ActionInput.None, ErrorKind.Invalid, "programar al menos una visita");
        var visit1 = await AddVisitAsync(calendar, "Dirección Financiera", 10);
        var visit2 = await AddVisitAsync(calendar, "Dirección de Recursos Humanos", 11);
        var withVisits = await _flow.GetAsync(calendar);
        Assert.Equal([visit1, visit2], withVisits.Children);
        Assert.Equal(calendar, (await _flow.GetAsync(visit1)).ParentNumber);

        await _flow.StepAsync(_assistant, calendar, "proponer", "Propuesto");
        await _flow.RefusedAsync(_despacho, calendar, "observar", ActionInput.None, ErrorKind.Invalid, "indicar las observaciones");
        await _flow.StepAsync(_despacho, calendar, "observar", "Observado", new ActionInput { Text = "Incluir a la Dirección de Comunicación." });
        await _flow.StepAsync(_technician, calendar, "corregir", "Borrador");
        var visit3 = await AddVisitAsync(calendar, "Dirección de Comunicación", 12);
        await _flow.StepAsync(_director, calendar, "proponer", "Propuesto");
        await _flow.StepAsync(_despacho, calendar, "aprobar", "Aprobado");
        await _flow.StepAsync(_assistant, calendar, "notificar-unidades", "En ejecución");

        await CompleteVisitAsync(visit1);
        await CompleteVisitAsync(visit2);
        await _flow.RefusedAsync(_director, calendar, "completar", ActionInput.None, ErrorKind.InvalidState,
            "que todas las visitas estén archivadas o marcadas como no realizadas");
        await CompleteVisitAsync(visit3);
        var completed = await _flow.StepAsync(_director, calendar, "completar", "Completado");

        Assert.True(completed.Summary.IsClosed);
        Assert.Equal(
            ["Borrador", "Propuesto", "Observado", "Borrador", "Propuesto", "Aprobado", "En ejecución", "Completado"],
            Flow.Path(completed));
    }

    [Fact]
    public async Task Fire_CompletarWhileAVisitIsOpen_IsRefusedUntilItIsMarkedNotDone()
    {
        var calendar = await OpenCalendarAsync();
        var visit = await AddVisitAsync(calendar, "Dirección Financiera", 10);
        await ApproveAsync(calendar);

        await _flow.RefusedAsync(_assistant, calendar, "completar", ActionInput.None, ErrorKind.InvalidState, "todas las visitas");
        await _flow.RefusedAsync(_director, visit, "no-realizada", ActionInput.None, ErrorKind.Invalid, "indicar el motivo");
        await _flow.StepAsync(_director, visit, "no-realizada", "No realizada", new ActionInput { Text = "La unidad se trasladó de sede." });
        await _flow.StepAsync(_assistant, calendar, "completar", "Completado");
    }

    [Fact]
    public async Task Fire_RegistrarRealizacionWithIncompleteChecklist_IsRefused()
    {
        var calendar = await OpenCalendarAsync();
        var visit = await AddVisitAsync(calendar, "Dirección Financiera", 10);
        await ApproveAsync(calendar);
        await _flow.StepAsync(_assistant, visit, "notificar", "Notificada");
        ReachDay(10);

        await _flow.RefusedAsync(_technician, visit, "registrar-realizacion", new ActionInput { Checklist = ["teclado", "mouse", "monitor"] },
            ErrorKind.Invalid, "marcar la limpieza de teclado, mouse, monitor y CPU");
        await _flow.RefusedAsync(_technician, visit, "registrar-realizacion", ActionInput.None,
            ErrorKind.Invalid, "marcar la limpieza");
        await _flow.StepAsync(_technician, visit, "registrar-realizacion", "Realizada", new ActionInput { Checklist = ["CPU", "Monitor", "Mouse", "Teclado"] });
    }

    [Fact]
    public async Task Fire_RegistrarRealizacionByAnotherTechnician_IsForbidden()
    {
        var calendar = await OpenCalendarAsync();
        var visit = await AddVisitAsync(calendar, "Dirección Financiera", 10);
        var other = await _flow.PersonAsync("Otro Tecnico", Role.Technician);
        await ApproveAsync(calendar);
        await _flow.StepAsync(_assistant, visit, "notificar", "Notificada");
        ReachDay(10);

        await _flow.RefusedAsync(other, visit, "registrar-realizacion", new ActionInput { Checklist = FullChecklist },
            ErrorKind.Forbidden, "Técnico de Hardware y Software (asignado)");
    }

    [Fact]
    public async Task Fire_EntregarConformidadWithoutSignedForm_IsRefused()
    {
        var calendar = await OpenCalendarAsync();
        var visit = await AddVisitAsync(calendar, "Dirección Financiera", 10);
        await ApproveAsync(calendar);
        await _flow.StepAsync(_assistant, visit, "notificar", "Notificada");
        ReachDay(10);
        await _flow.StepAsync(_technician, visit, "registrar-realizacion", "Realizada", new ActionInput { Checklist = FullChecklist });

        await _flow.RefusedAsync(_technician, visit, "entregar-conformidad", ActionInput.None, ErrorKind.Invalid,
            "adjuntar formulario de mantenimiento firmado");
    }

    [Fact]
    public async Task Fire_Reprogramar_ChangesTheDateAndTheVisitMustBeNotifiedAgain()
    {
        var calendar = await OpenCalendarAsync();
        var visit = await AddVisitAsync(calendar, "Dirección Financiera", 10);
        await ApproveAsync(calendar);
        await _flow.StepAsync(_assistant, visit, "notificar", "Notificada");
        var newDate = new DateTimeOffset(2026, 3, 24, 15, 0, 0, TimeSpan.Zero);

        await _flow.RefusedAsync(_technician, visit, "reprogramar", new ActionInput { Text = "Unidad en auditoría" }, ErrorKind.Invalid,
            "indicar la nueva fecha de la visita");
        var moved = await _flow.StepAsync(_technician, visit, "reprogramar", "Reprogramada",
            new ActionInput { Text = "Unidad en auditoría", ScheduledFor = newDate });
        Assert.Equal(newDate, moved.ScheduledFor);
        await _flow.RefusedAsync(_technician, visit, "registrar-realizacion", new ActionInput { Checklist = FullChecklist },
            ErrorKind.InvalidState, "está en «Reprogramada»");
        await _flow.StepAsync(_assistant, visit, "notificar", "Notificada");
    }

    [Fact]
    public async Task Create_VisitWhileCalendarIsProposed_IsRefusedAndNoVisitIsCreated()
    {
        var calendar = await OpenCalendarAsync();
        await AddVisitAsync(calendar, "Dirección Financiera", 10);
        await _flow.StepAsync(_assistant, calendar, "proponer", "Propuesto");

        var refusal = await Assert.ThrowsAsync<DomainException>(() => _flow.CreateAsync(_director, Visit(calendar, "Dirección de Comunicación", 12)));

        Assert.Equal(ErrorKind.InvalidState, refusal.Kind);
        Assert.Contains("«Propuesto»", refusal.Message, StringComparison.Ordinal);
        Assert.Single((await _flow.GetAsync(calendar)).Children);
    }

    [Fact]
    public async Task Create_VisitWhoseAssigneeIsNotATechnician_IsRefusedWithFieldTecnico()
    {
        var calendar = await OpenCalendarAsync();
        await _flow.PersonAsync("Jefe Desarrollo", Role.DevHead);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => _flow.CreateAsync(_director,
            Visit(calendar, "Dirección Financiera", 10) with { AssigneeEmail = Flow.EmailOf("Jefe Desarrollo") }));

        Assert.Equal(ErrorKind.Invalid, refusal.Kind);
        Assert.Equal("tecnico", refusal.Field);
        Assert.Contains("Técnico de Hardware y Software", refusal.Message, StringComparison.Ordinal);
        Assert.Empty((await _flow.GetAsync(calendar)).Children);
    }

    [Fact]
    public async Task Fire_ObservarByTheItDirector_IsForbiddenItIsTheDespachos()
    {
        var calendar = await OpenCalendarAsync();
        await AddVisitAsync(calendar, "Dirección Financiera", 10);
        await _flow.StepAsync(_assistant, calendar, "proponer", "Propuesto");

        await _flow.RefusedAsync(_director, calendar, "aprobar", ActionInput.None, ErrorKind.Forbidden, "Despacho Superior");
        await _flow.RefusedAsync(_director, calendar, "observar", new ActionInput { Text = "x" }, ErrorKind.Forbidden, "Despacho Superior");
    }

    [Fact]
    public async Task Fire_NotificarVisitBeforeCalendarIsApproved_IsRefused()
    {
        var calendar = await OpenCalendarAsync();
        var visit = await AddVisitAsync(calendar, "Dirección Financiera", 10);

        await _flow.RefusedAsync(_assistant, visit, "notificar", ActionInput.None, ErrorKind.InvalidState);
    }

    [Fact]
    public async Task Fire_RegistrarRealizacionBeforeTheScheduledDay_IsRefusedNamingTheDate()
    {
        var calendar = await OpenCalendarAsync();
        var visit = await AddVisitAsync(calendar, "Dirección Financiera", 20);
        await ApproveAsync(calendar);
        await _flow.StepAsync(_assistant, visit, "notificar", "Notificada");

        await _flow.RefusedAsync(_technician, visit, "registrar-realizacion", new ActionInput { Checklist = FullChecklist },
            ErrorKind.InvalidState, "que llegue la fecha programada de la visita, el 20/03/2026");
        Assert.DoesNotContain((await _db.Requests(s => s.Queries.GetAsync(_technician, visit, default))).Actions, a => a.Action == "registrar-realizacion");

        ReachDay(20);
        await _flow.StepAsync(_technician, visit, "registrar-realizacion", "Realizada", new ActionInput { Checklist = FullChecklist });
    }

    [Fact]
    public async Task Fire_RegistrarRealizacionWithEquipment_KeepsTheEquipmentOnTheVisit()
    {
        var calendar = await OpenCalendarAsync();
        var visit = await AddVisitAsync(calendar, "Dirección de Comunicación", 12);
        await ApproveAsync(calendar);
        await _flow.StepAsync(_assistant, visit, "notificar", "Notificada");
        ReachDay(12);

        await _flow.StepAsync(_technician, visit, "registrar-realizacion", "Realizada", new ActionInput
        {
            Checklist = FullChecklist,
            Equipment = new EquipmentData { Kind = "Computadora de escritorio", Brand = " Dell ", Model = "OptiPlex 7090", SerialNumber = "CN-0X1", AssetNumber = "SOSEP-4411" },
        });

        var done = await _flow.GetAsync(visit);
        Assert.NotNull(done.Equipment);
        Assert.Equal(("Computadora de escritorio", "Dell", "OptiPlex 7090", "CN-0X1", "SOSEP-4411"),
            (done.Equipment.Kind, done.Equipment.Brand, done.Equipment.Model, done.Equipment.SerialNumber, done.Equipment.AssetNumber));
    }

    [Fact]
    public async Task Create_VisitToAnUnregisteredUnit_IsRefusedWithFieldUnidadAndNothingIsCreated()
    {
        var calendar = await OpenCalendarAsync();

        var refusal = await Assert.ThrowsAsync<DomainException>(() => _flow.CreateAsync(_director, Visit(calendar, "Dirección Inexistente", 10)));
        var missing = await Assert.ThrowsAsync<DomainException>(() => _flow.CreateAsync(_director, Visit(calendar, "x", 10) with { Unit = null }));

        Assert.Equal((ErrorKind.Invalid, "unidad"), (refusal.Kind, refusal.Field));
        Assert.Contains("«Dirección Inexistente» no está registrada", refusal.Message, StringComparison.Ordinal);
        Assert.Equal((ErrorKind.Invalid, "unidad"), (missing.Kind, missing.Field));
        Assert.Empty((await _flow.GetAsync(calendar)).Children);
    }

    [Fact]
    public async Task Create_VisitByUnitIdOrByNameWithoutAccents_NamesTheRegisteredUnit()
    {
        var calendar = await OpenCalendarAsync();
        var unit = await _db.UnitAsync("Dirección de Recursos Humanos");

        var byId = await _flow.CreateAsync(_director, Visit(calendar, "x", 10) with { Unit = null, UnitId = unit.Id });
        var byName = await _flow.CreateAsync(_director, Visit(calendar, "x", 11) with { Unit = "  DIRECCION de recursos   humanos " });

        Assert.Equal("Dirección de Recursos Humanos", byId.Unit);
        Assert.Equal("Dirección de Recursos Humanos", byName.Unit);
        var ids = await _db.InScopeAsync(sp => sp.GetRequiredService<SosepBot.Core.Persistence.SosepDbContext>().Requests
            .Where(r => r.Number == byId.Summary.Number || r.Number == byName.Summary.Number).Select(r => r.UnitId).ToListAsync());
        Assert.All(ids, id => Assert.Equal(unit.Id, id));
    }

    private async Task<string> OpenCalendarAsync()
    {
        var created = await _flow.CreateAsync(_director, new NewRequest
        {
            ProcedureCode = ProcedureCodes.MantenimientoPreventivo,
            Title = "Calendarización de mantenimientos preventivos 2026",
        });
        Assert.Equal("Borrador", created.Summary.State);
        return created.Summary.Number;
    }

    private static NewRequest Visit(string calendar, string unit, int day) => new()
    {
        ProcedureCode = ProcedureCodes.VisitaMantenimiento,
        Title = $"Mantenimiento preventivo {unit}",
        ParentNumber = calendar,
        ScheduledFor = new DateTimeOffset(2026, 3, day, 15, 0, 0, TimeSpan.Zero),
        Unit = unit,
        AssigneeEmail = Flow.EmailOf(TechnicianName),
    };

    private async Task<string> AddVisitAsync(string calendar, string unit, int day)
    {
        var visit = await _flow.CreateAsync(_director, Visit(calendar, unit, day));
        Assert.Equal("Programada", visit.Summary.State);
        Assert.Equal(_technician.PersonId, visit.Summary.Assignee?.Id);
        Assert.Equal(unit, visit.Unit);
        return visit.Summary.Number;
    }

    private async Task ApproveAsync(string calendar)
    {
        await _flow.StepAsync(_assistant, calendar, "proponer", "Propuesto");
        await _flow.StepAsync(_despacho, calendar, "aprobar", "Aprobado");
        await _flow.StepAsync(_assistant, calendar, "notificar-unidades", "En ejecución");
    }

    /// <summary>Moves the clock (shared by the class's tests, never backwards) to 08:00 on that day of March 2026, in Guatemala.</summary>
    private void ReachDay(int day)
    {
        var target = new DateTimeOffset(2026, 3, day, 8, 0, 0, TimeSpan.FromHours(-6));
        if (_db.Time.GetUtcNow() < target)
        {
            _db.Time.SetUtcNow(target);
        }
    }

    private async Task CompleteVisitAsync(string visit)
    {
        await _flow.StepAsync(_assistant, visit, "notificar", "Notificada");
        ReachDay((await _flow.GetAsync(visit)).ScheduledFor!.Value.Day);
        await _flow.StepAsync(_technician, visit, "registrar-realizacion", "Realizada", new ActionInput { Checklist = FullChecklist });
        await _flow.AttachAsync(_technician, visit, AttachmentKind.FormularioMantenimiento);
        await _flow.StepAsync(_technician, visit, "entregar-conformidad", "Conformidad firmada");
        var archived = await _flow.StepAsync(_assistant, visit, "archivar", "Archivada");
        Assert.True(archived.Summary.IsClosed);
        Assert.Equal(["Programada", "Notificada", "Realizada", "Conformidad firmada", "Archivada"], Flow.Path(archived));
    }
}
