using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Service;

/// <summary>Due dates on the business calendar (08:00–16:00 in Guatemala, weekdays, statutory holidays).</summary>
public sealed class RequestTimeLimitTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Actor _user = null!;
    private Actor _tech = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _user = await _db.PersonAsync("Ana Usuaria");
        _tech = await _db.PersonAsync("Tito Tecnico", Role.Technician);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Create_TicketOnMondayMorning_DueFourBusinessHoursLater()
    {
        var created = await Open();

        Assert.Equal(ServiceData.LocalTime(2026, 3, 2, 13), created.Summary.DueAt);
        Assert.False(created.Summary.IsOverdue);
    }

    [Fact]
    public async Task Create_TicketFridayAfternoon_DueMondayAtEleven()
    {
        _db.Time.SetUtcNow(ServiceData.LocalTime(2026, 3, 6, 15));

        var created = await Open();

        // One hour on Friday (15:00–16:00), three on Monday from 08:00.
        Assert.Equal(ServiceData.LocalTime(2026, 3, 9, 11), created.Summary.DueAt);
    }

    [Fact]
    public async Task Create_TicketWednesdayOfHolyWeek_DueMondayAfterEaster()
    {
        _db.Time.SetUtcNow(ServiceData.LocalTime(2026, 4, 1, 15));

        var created = await Open();

        // Jueves and Viernes Santo (April 2 and 3, 2026) and the weekend have no business hours.
        Assert.Equal(ServiceData.LocalTime(2026, 4, 6, 11), created.Summary.DueAt);
    }

    [Fact]
    public async Task Summary_ClockPassesDueAt_IsOverdueInDetailsAndList()
    {
        var number = (await Open()).Summary.Number;

        _db.Time.SetUtcNow(ServiceData.LocalTime(2026, 3, 2, 13));
        var atTheLimit = await _db.Requests(s => s.Queries.GetAsync(_user, number, default));
        _db.Time.Advance(TimeSpan.FromMinutes(1));
        var afterTheLimit = await _db.Requests(s => s.Queries.GetAsync(_user, number, default));
        var listed = Assert.Single(await _db.Requests(s => s.Queries.ListAsync(_tech, new RequestFilter(), default)));

        Assert.False(atTheLimit.Summary.IsOverdue);
        Assert.True(afterTheLimit.Summary.IsOverdue);
        Assert.True(listed.IsOverdue);
    }

    [Fact]
    public async Task Fire_WaitingOnUserThenAnswered_ClockPausesAndResumesWithTheTimeLeft()
    {
        var number = (await Open()).Summary.Number;
        var taken = await _db.Requests(s => s.Actions.FireAsync(_tech, number, "tomar", ActionInput.None, default));
        // "En atención" has 16 business hours: Monday 09:00 → Wednesday 09:00.
        Assert.Equal(ServiceData.LocalTime(2026, 3, 4, 9), taken.Summary.DueAt);

        _db.Time.Advance(TimeSpan.FromHours(1));
        var waiting = await _db.Requests(s => s.Actions.FireAsync(_tech, number, "solicitar-informacion",
            new ActionInput { Text = "¿Qué modelo de impresora es?" }, default));
        Assert.Equal("En espera del usuario", waiting.Summary.State);
        Assert.Null(waiting.Summary.DueAt);

        // The user answers on Thursday, after the original due date: the wait does not count against the technician.
        _db.Time.SetUtcNow(ServiceData.LocalTime(2026, 3, 5, 10));
        var stillWaiting = await _db.Requests(s => s.Queries.GetAsync(_user, number, default));
        Assert.False(stillWaiting.Summary.IsOverdue);
        var answered = await _db.Requests(s => s.Actions.FireAsync(_user, number, "responder", new ActionInput { Text = "HP LaserJet 1020." }, default));

        // 15 business hours were left (Monday 10:00 → Wednesday 09:00): Thursday 10:00 + 15 h = Monday 09:00, not a fresh 16 h (Monday 10:00).
        Assert.Equal("En atención", answered.Summary.State);
        Assert.Equal(ServiceData.LocalTime(2026, 3, 9, 9), answered.Summary.DueAt);
        Assert.False(answered.Summary.IsOverdue);
    }

    [Fact]
    public async Task Create_TimeLimitOverriddenInSettings_UsesTheConfiguredHours()
    {
        await using var db = await TestDatabase.CreateAsync(new Dictionary<string, string?>
        {
            ["TimeLimits:Hours:DS-UI-04:Abierto"] = "2",
            ["TimeLimits:Hours:DS-UI-04:Asignado"] = "0",
        });
        var user = await db.PersonAsync("Ana Usuaria");
        var head = await db.PersonAsync("Jefe Infra", Role.InfraHead);
        var tech = await db.PersonAsync("Tito Tecnico", Role.Technician);

        var created = await db.Requests(s => s.Opening.OpenAsync(user, ServiceData.Ticket(), default));
        var assigned = await db.Requests(s => s.Actions.FireAsync(head, created.Summary.Number, "asignar", new ActionInput { AssigneeId = tech.PersonId }, default));
        var attended = await db.Requests(s => s.Actions.FireAsync(tech, created.Summary.Number, "atender", ActionInput.None, default));

        Assert.Equal(ServiceData.LocalTime(2026, 3, 2, 11), created.Summary.DueAt);
        Assert.Null(assigned.Summary.DueAt);
        Assert.Equal(ServiceData.LocalTime(2026, 3, 4, 9), attended.Summary.DueAt);
    }

    [Fact]
    public async Task Fire_ClosedOrCancelled_HasNoDueDateAndIsNeverOverdue()
    {
        var closedNumber = (await Open()).Summary.Number;
        var cancelledNumber = (await Open()).Summary.Number;
        await _db.Requests(s => s.Actions.FireAsync(_tech, closedNumber, "tomar", ActionInput.None, default));
        await _db.Requests(s => s.Actions.FireAsync(_tech, closedNumber, "resolver", new ActionInput { Text = "Se cambió el tóner." }, default));
        var closed = await _db.Requests(s => s.Actions.FireAsync(_user, closedNumber, "cerrar", ActionInput.None, default));
        var cancelled = await _db.Requests(s => s.Actions.FireAsync(_user, cancelledNumber, "anular", new ActionInput { Text = "Ya funciona." }, default));

        _db.Time.Advance(TimeSpan.FromDays(30));
        var later = await _db.Requests(s => s.Queries.ListAsync(_tech, new RequestFilter(), default));

        Assert.Equal(("Cerrado", "Anulado"), (closed.Summary.State, cancelled.Summary.State));
        Assert.Null(closed.Summary.DueAt);
        Assert.Null(cancelled.Summary.DueAt);
        Assert.All(later, r => Assert.Equal((null, false, true), (r.DueAt, r.IsOverdue, r.IsClosed)));
    }

    private Task<RequestDetails> Open() => _db.Requests(async s => (await s.Opening.OpenAsync(_user, ServiceData.Ticket(), default)).Details);
}
