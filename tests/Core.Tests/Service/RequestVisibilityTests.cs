using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Service;

/// <summary>Who sees which requests, and the list's filters.</summary>
public sealed class RequestVisibilityTests : IAsyncLifetime
{
    private const string Missing = "UI-2026-09999";

    private TestDatabase _db = null!;
    private Actor _ana = null!;
    private Actor _bruno = null!;
    private Actor _tech = null!;
    private Actor _head = null!;
    private string _anaTicket = null!;
    private string _anaSiteTicket = null!;
    private string _brunoTicket = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _ana = await _db.SitePersonAsync("Ana Usuaria");
        _bruno = await _db.PersonAsync("Bruno Usuario");
        _tech = await _db.PersonAsync("Tito Tecnico", Role.Technician);
        _head = await _db.PersonAsync("Jefe Infra", Role.InfraHead);
        _anaTicket = (await _db.Requests(s => s.Opening.OpenAsync(_ana, ServiceData.Ticket("Impresora"), default))).Summary.Number;
        _anaSiteTicket = (await _db.Requests(s => s.Opening.OpenAsync(_ana,
            new NewRequest { ProcedureCode = ProcedureCodes.SoporteSedes, Title = "Sin internet en la sede" }, default))).Summary.Number;
        _brunoTicket = (await _db.Requests(s => s.Opening.OpenAsync(_bruno, ServiceData.Ticket("Monitor"), default))).Summary.Number;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task List_PlainUser_SeesOnlyTheirOwnRequests()
    {
        var anas = await List(_ana, new RequestFilter());
        var brunos = await List(_bruno, new RequestFilter());

        Assert.Equal(new[] { _anaSiteTicket, _anaTicket }, anas);
        Assert.Equal(new[] { _brunoTicket }, brunos);
    }

    [Fact]
    public async Task List_ItStaff_SeeEveryRequest()
    {
        var assistant = await _db.PersonAsync("Asistente Uno", Role.Assistant);

        foreach (var staff in new[] { _tech, _head, assistant })
        {
            Assert.Equal(new[] { _brunoTicket, _anaSiteTicket, _anaTicket }, await List(staff, new RequestFilter()));
        }
    }

    [Fact]
    public async Task List_PlainUserFilteringByAnotherRequester_SeesNothing()
    {
        // A filter naming another requester does not widen what a plain user sees.
        var brunoEmail = await _db.EmailAsync(_bruno);

        Assert.Empty(await List(_ana, new RequestFilter { RequesterEmail = brunoEmail }));
    }

    [Fact]
    public async Task List_InventoryDepartment_SeesEveryTechnicalOpinionButNoTickets()
    {
        // Inventarios is not IT staff, but takes part in every DS-UI-05 ("entregar-a-inventarios").
        var inventory = await _db.PersonAsync("Inventarios Uno", Role.Inventory);
        var opinion = (await _db.Requests(s => s.Opening.OpenAsync(_bruno, ServiceData.Opinion(), default))).Summary.Number;

        Assert.Equal(new[] { opinion }, await List(inventory, new RequestFilter()));
        Assert.Equal(opinion, (await _db.Requests(s => s.Queries.GetAsync(inventory, opinion, default))).Summary.Number);
        var ticket = await Assert.ThrowsAsync<DomainException>(() => _db.Requests(s => s.Queries.GetAsync(inventory, _brunoTicket, default)));
        Assert.Equal(ErrorKind.NotFound, ticket.Kind);
    }

    [Fact]
    public async Task Get_SomebodyElsesRequest_IsNotFoundWithTheSameMessageAsAMissingOne()
    {
        var others = await Assert.ThrowsAsync<DomainException>(() => _db.Requests(s => s.Queries.GetAsync(_ana, _brunoTicket, default)));
        var missing = await Assert.ThrowsAsync<DomainException>(() => _db.Requests(s => s.Queries.GetAsync(_ana, Missing, default)));

        Assert.Equal(ErrorKind.NotFound, others.Kind);
        Assert.Equal(ErrorKind.NotFound, missing.Kind);
        Assert.Equal(
            missing.Message.Replace(Missing, "N", StringComparison.Ordinal),
            others.Message.Replace(_brunoTicket, "N", StringComparison.Ordinal));
        Assert.Contains(_brunoTicket, others.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FireAndComment_SomebodyElsesRequest_IsNotFoundAndNothingChanges()
    {
        var fire = await Assert.ThrowsAsync<DomainException>(() =>
            _db.Requests(s => s.Actions.FireAsync(_ana, _brunoTicket, "anular", new ActionInput { Text = "no" }, default)));
        var comment = await Assert.ThrowsAsync<DomainException>(() =>
            _db.Requests(s => s.Actions.CommentAsync(_ana, _brunoTicket, "hola", default)));

        Assert.Equal(ErrorKind.NotFound, fire.Kind);
        Assert.Equal(ErrorKind.NotFound, comment.Kind);
        var after = await _db.Requests(s => s.Queries.GetAsync(_bruno, _brunoTicket, default));
        Assert.Equal("Abierto", after.Summary.State);
        Assert.Empty(after.Comments);
        Assert.Single(after.History);
    }

    [Fact]
    public async Task Get_AssignedTechnicianAndRequester_SeeTheRequest()
    {
        await _db.Requests(s => s.Actions.FireAsync(_tech, _brunoTicket, "tomar", ActionInput.None, default));

        Assert.Equal(_brunoTicket, (await _db.Requests(s => s.Queries.GetAsync(_tech, _brunoTicket, default))).Summary.Number);
        Assert.Equal(_brunoTicket, (await _db.Requests(s => s.Queries.GetAsync(_bruno, _brunoTicket, default))).Summary.Number);
    }

    [Fact]
    public async Task List_FilterByRequesterEmail_OnlyThatRequester()
    {
        var email = (await _db.EmailAsync(_ana)).ToUpperInvariant();

        Assert.Equal(new[] { _anaSiteTicket, _anaTicket }, await List(_tech, new RequestFilter { RequesterEmail = $"  {email} " }));
    }

    [Fact]
    public async Task List_FilterByAssigneeEmail_OnlyTheirTickets()
    {
        var other = await _db.PersonAsync("Otro Tecnico", Role.Technician);
        await _db.Requests(s => s.Actions.FireAsync(_tech, _anaTicket, "tomar", ActionInput.None, default));
        await _db.Requests(s => s.Actions.FireAsync(other, _brunoTicket, "tomar", ActionInput.None, default));

        Assert.Equal(new[] { _anaTicket }, await List(_head, new RequestFilter { AssigneeEmail = await _db.EmailAsync(_tech) }));
        Assert.Equal(new[] { _brunoTicket }, await List(_head, new RequestFilter { AssigneeEmail = await _db.EmailAsync(other) }));
    }

    [Fact]
    public async Task List_FilterByStateAndProcedure_OnlyMatching()
    {
        await _db.Requests(s => s.Actions.FireAsync(_tech, _anaTicket, "tomar", ActionInput.None, default));

        Assert.Equal(new[] { _anaTicket }, await List(_head, new RequestFilter { State = "En atención" }));
        Assert.Equal(new[] { _brunoTicket, _anaSiteTicket }, await List(_head, new RequestFilter { State = "Abierto" }));
        Assert.Equal(new[] { _anaSiteTicket }, await List(_head, new RequestFilter { ProcedureCode = "ds-ui-06" }));
        Assert.Equal(new[] { _brunoTicket }, await List(_head, new RequestFilter { ProcedureCode = ProcedureCodes.SoporteTecnico, State = "Abierto" }));
    }

    [Fact]
    public async Task List_OpenOnly_LeavesOutFinishedRequests()
    {
        await _db.Requests(s => s.Actions.FireAsync(_bruno, _brunoTicket, "anular", new ActionInput { Text = "Ya funciona." }, default));

        Assert.Equal(new[] { _anaSiteTicket, _anaTicket }, await List(_head, new RequestFilter { OpenOnly = true }));
        Assert.Equal(3, (await List(_head, new RequestFilter())).Length);
    }

    [Fact]
    public async Task List_OverdueOnlyAfterTheLimitPassed_ListsTheOverdueTicket()
    {
        // The three tickets were opened Monday 09:00 and are due at 13:00; a new one opened at 14:00 is due Tuesday 10:00.
        _db.Time.SetUtcNow(ServiceData.LocalTime(2026, 3, 2, 14));
        var onTime = (await _db.Requests(s => s.Opening.OpenAsync(_ana, ServiceData.Ticket("Teclado"), default))).Summary.Number;

        var overdue = await _db.Requests(s => s.Queries.ListAsync(_head, new RequestFilter { OverdueOnly = true }, default));

        Assert.Equal(new[] { _brunoTicket, _anaSiteTicket, _anaTicket }, overdue.Select(r => r.Number).ToArray());
        Assert.All(overdue, r => Assert.True(r.IsOverdue));
        Assert.DoesNotContain(onTime, overdue.Select(r => r.Number));
    }

    [Fact]
    public async Task List_OverdueOnlyBeforeTheLimit_IsEmpty()
    {
        // Monday 09:00 in Guatemala; every ticket is due at 13:00 the same day, so nothing is overdue yet.
        var all = await _db.Requests(s => s.Queries.ListAsync(_head, new RequestFilter(), default));
        Assert.All(all, r => Assert.False(r.IsOverdue));

        var overdue = await _db.Requests(s => s.Queries.ListAsync(_head, new RequestFilter { OverdueOnly = true }, default));

        Assert.Empty(overdue);
    }

    [Fact]
    public async Task List_UnknownProcedure_IsInvalid()
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            _db.Requests(s => s.Queries.ListAsync(_head, new RequestFilter { ProcedureCode = "DS-UI-99" }, default)));

        Assert.Equal(ErrorKind.Invalid, refusal.Kind);
        Assert.Contains("DS-UI-99", refusal.Message, StringComparison.Ordinal);
        Assert.Equal("procedimiento", refusal.Field);
    }

    private async Task<string[]> List(Actor actor, RequestFilter filter) =>
        (await _db.Requests(s => s.Queries.ListAsync(actor, filter, default))).Select(r => r.Number).ToArray();
}
