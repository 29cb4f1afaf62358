using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.Scheduled;
using SosepBot.Core.Tests.Procedures;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Scheduled;

/// <summary>The DS-UI-03 month query behind «Calendario»: the month in Guatemala's time, the filters, late visits, the year's calendars.</summary>
public sealed class MaintenanceCalendarQueryTests : IAsyncLifetime
{
    private static readonly TimeSpan Guatemala = TimeSpan.FromHours(-6);

    private TestDatabase _db = null!;
    private Flow _flow = null!;
    private Actor _director = null!;
    private Actor _tito = null!;
    private Actor _otro = null!;
    private long _financiera;
    private string _calendar = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _flow = new Flow(_db);
        _director = await _flow.PersonAsync("Director Informatica", Role.ItDirector);
        _tito = await _flow.PersonAsync("Tito Tecnico", Role.Technician);
        _otro = await _flow.PersonAsync("Otro Tecnico", Role.Technician);
        _financiera = (await _db.UnitAsync("Dirección Financiera")).Id;
        await _db.UnitAsync("Dirección de Comunicación");
        _calendar = (await _flow.CreateAsync(_director, new NewRequest
        {
            ProcedureCode = ProcedureCodes.MantenimientoPreventivo,
            Title = "Calendarización de mantenimientos preventivos 2026",
        })).Summary.Number;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task MonthAsync_VisitsNearMonthEnds_AreInTheMonthOfTheirGuatemalaDate()
    {
        var lastNight = await VisitAsync("Dirección Financiera", "Tito Tecnico", new DateTimeOffset(2026, 3, 31, 23, 30, 0, Guatemala)); // April 1 in UTC
        var february = await VisitAsync("Dirección de Comunicación", "Otro Tecnico", new DateTimeOffset(2026, 2, 28, 21, 0, 0, Guatemala)); // March 1 in UTC
        var tenth = await VisitAsync("Dirección de Comunicación", "Otro Tecnico", new DateTimeOffset(2026, 3, 10, 10, 0, 0, Guatemala));
        var april = await VisitAsync("Dirección Financiera", "Tito Tecnico", new DateTimeOffset(2026, 4, 1, 0, 30, 0, Guatemala));
        await _flow.CreateAsync(_director, new NewRequest { ProcedureCode = "DS-UI-04", Title = "No enciende la computadora" });

        var march = await MonthAsync(3);
        var feb = await MonthAsync(2);
        var apr = await MonthAsync(4);

        Assert.Equal([new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 31)], march.Days.Select(d => d.Date));
        Assert.Equal([tenth, lastNight], march.Days.SelectMany(d => d.Visits).Select(v => v.Number));
        var last = march.Days[1].Visits.Single();
        Assert.Equal(("Dirección Financiera", "Tito Tecnico", "Programada", new DateTime(2026, 3, 31, 23, 30, 0)),
            (last.Unit, last.Technician?.Name, last.State, last.ScheduledLocal));
        Assert.Equal([february], feb.Days.SelectMany(d => d.Visits).Select(v => v.Number));
        Assert.Equal([april], apr.Days.SelectMany(d => d.Visits).Select(v => v.Number));
        Assert.Equal(new DateOnly(2026, 4, 1), apr.Days.Single().Date);
        var calendar = Assert.Single(march.Calendars);
        Assert.Equal((_calendar, "Borrador", false, 4), (calendar.Number, calendar.State, calendar.IsClosed, calendar.Visits));
        Assert.Equal(["Otro Tecnico", "Tito Tecnico"], march.Technicians.Select(t => t.Name));
    }

    [Fact]
    public async Task MonthAsync_ByUnitAndByTechnician_OnlyTheirVisits_AndPendingVisitsPastTheirDateAreLate()
    {
        var fifth = await VisitAsync("Dirección Financiera", "Tito Tecnico", new DateTimeOffset(2026, 3, 5, 10, 0, 0, Guatemala));
        var notDone = await VisitAsync("Dirección de Comunicación", "Otro Tecnico", new DateTimeOffset(2026, 3, 5, 11, 0, 0, Guatemala));
        var twentieth = await VisitAsync("Dirección Financiera", "Tito Tecnico", new DateTimeOffset(2026, 3, 20, 9, 0, 0, Guatemala));
        await _flow.StepAsync(_director, notDone, "no-realizada", "No realizada", new ActionInput { Text = "La unidad estaba cerrada." });
        await PlanAsync("Dirección Financiera", _financiera, _tito);
        await PlanAsync("Dirección de Comunicación", null, _otro);
        _db.Time.SetUtcNow(new DateTimeOffset(2026, 3, 6, 9, 0, 0, Guatemala));

        var all = await MonthAsync(3);
        var byUnit = await MonthAsync(3, unitId: _financiera);
        var byTechnician = await MonthAsync(3, technicianId: _otro.PersonId);
        var both = await MonthAsync(3, unitId: _financiera, technicianId: _otro.PersonId);

        Assert.Equal([(fifth, true), (notDone, false), (twentieth, false)], all.Days.SelectMany(d => d.Visits).Select(v => (v.Number, v.IsLate)));
        Assert.Equal((3, 1), (all.Visits, all.Late));
        Assert.Equal([fifth, twentieth], byUnit.Days.SelectMany(d => d.Visits).Select(v => v.Number));
        Assert.Equal([notDone], byTechnician.Days.SelectMany(d => d.Visits).Select(v => v.Number));
        Assert.Empty(both.Days);
        Assert.All(byUnit.Days.SelectMany(d => d.Visits), v => Assert.Equal(_tito.PersonId, v.Technician?.Id));
        Assert.Equal([("Dirección Financiera", "Tito Tecnico"), ("Dirección de Comunicación", "Otro Tecnico")], all.Plans.Select(p => (p.Unit, p.Technician)));
        Assert.Equal(["Dirección Financiera"], byUnit.Plans.Select(p => p.Unit));
        Assert.Equal(["Dirección de Comunicación"], byTechnician.Plans.Select(p => p.Unit));
        Assert.All(all.Plans, p => Assert.Equal(_calendar, p.CalendarNumber));
    }

    [Fact]
    public async Task MonthAsync_PlainUser_IsForbidden()
    {
        var ana = await _flow.PersonAsync("Ana Usuaria");

        var refusal = await Assert.ThrowsAsync<DomainException>(() => _db.InScopeAsync(sp =>
            sp.GetRequiredService<MaintenanceCalendarQuery>().MonthAsync(ana, new DateOnly(2026, 3, 1), null, null, default)));

        Assert.Equal(ErrorKind.Forbidden, refusal.Kind);
        Assert.Contains("calendario de mantenimiento preventivo", refusal.Message, StringComparison.Ordinal);
    }

    private Task<int> PlanAsync(string unit, long? unitId, Actor technician) => _db.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<SosepDbContext>();
        var calendarId = await db.Requests.Where(r => r.Number == _calendar).Select(r => r.Id).SingleAsync();
        db.MaintenancePlans.Add(new MaintenancePlan
        {
            CalendarId = calendarId,
            Unit = unit,
            UnitId = unitId,
            ContactId = _director.PersonId,
            TechnicianId = technician.PersonId,
            CreatedById = _director.PersonId,
            Rule = "FREQ=MONTHLY;INTERVAL=6",
            FirstVisitLocal = new DateTime(2026, 3, 5, 10, 0, 0),
            CreatedAt = _db.Time.GetUtcNow(),
        });
        return await db.SaveChangesAsync();
    });

    private Task<MaintenanceMonth> MonthAsync(int month, long? unitId = null, long? technicianId = null) =>
        _db.InScopeAsync(sp => sp.GetRequiredService<MaintenanceCalendarQuery>().MonthAsync(_director, new DateOnly(2026, month, 1), unitId, technicianId, default));

    private async Task<string> VisitAsync(string unit, string technician, DateTimeOffset at) =>
        (await _flow.CreateAsync(_director, new NewRequest
        {
            ProcedureCode = ProcedureCodes.VisitaMantenimiento,
            Title = $"Mantenimiento preventivo {unit}",
            ParentNumber = _calendar,
            ScheduledFor = at,
            Unit = unit,
            AssigneeEmail = Flow.EmailOf(technician),
        })).Summary.Number;
}
