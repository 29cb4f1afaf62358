using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Requests;

public sealed class SupportTicketFlowTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Ticket_OpenAssignAttendResolveClose_HistoryHasEveryStep()
    {
        var user = await _db.PersonAsync("Ana Usuaria");
        var head = await _db.PersonAsync("Jefe Infra", Role.InfraHead);
        var tech = await _db.PersonAsync("Tito Tecnico", Role.Technician);

        var created = await _db.Requests(s => s.Opening.OpenAsync(user,
            new NewRequest { ProcedureCode = ProcedureCodes.SoporteTecnico, Title = "Mi impresora no imprime" }, default));
        Assert.Equal("Abierto", created.Summary.State);
        Assert.Matches(@"^UI-2026-\d{5}$", created.Summary.Number);
        var number = created.Summary.Number;

        await _db.Requests(s => s.Actions.FireAsync(head, number, "asignar", new ActionInput { AssigneeId = tech.PersonId }, default));
        await _db.Requests(s => s.Actions.FireAsync(tech, number, "atender", ActionInput.None, default));
        _db.Time.Advance(TimeSpan.FromMinutes(30));
        await _db.Requests(s => s.Actions.FireAsync(tech, number, "resolver", new ActionInput { Text = "Se reinstaló el controlador." }, default));
        var closed = await _db.Requests(s => s.Actions.FireAsync(user, number, "cerrar", ActionInput.None, default));

        Assert.Equal("Cerrado", closed.Summary.State);
        Assert.True(closed.Summary.IsClosed);
        Assert.Equal(
            new[] { "Abierto", "Asignado", "En atención", "Resuelto", "Cerrado" },
            closed.History.Select(h => h.To).ToArray());
        Assert.Equal(new[] { "Ana Usuaria", "Jefe Infra", "Tito Tecnico", "Tito Tecnico", "Ana Usuaria" }, closed.History.Select(h => h.Actor).ToArray());
        Assert.Equal(RoleNames.Requester, closed.History[^1].Role);
        Assert.Equal(Role.InfraHead.ToSpanish(), closed.History[1].Role);
    }

    [Fact]
    public async Task Fire_ResolveByTechnicianNotAssigned_IsRefusedAndNothingChanges()
    {
        var user = await _db.PersonAsync("Ana Usuaria");
        var tech = await _db.PersonAsync("Tito Tecnico", Role.Technician);
        var other = await _db.PersonAsync("Otro Tecnico", Role.Technician);
        var created = await _db.Requests(s => s.Opening.OpenAsync(user,
            new NewRequest { ProcedureCode = ProcedureCodes.SoporteTecnico, Title = "Sin red" }, default));
        var number = created.Summary.Number;
        await _db.Requests(s => s.Actions.FireAsync(tech, number, "tomar", ActionInput.None, default));

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            _db.Requests(s => s.Actions.FireAsync(other, number, "resolver", new ActionInput { Text = "listo" }, default)));

        Assert.Equal(ErrorKind.Forbidden, refusal.Kind);
        Assert.Contains("Técnico de Hardware y Software (asignado)", refusal.Message, StringComparison.Ordinal);
        var after = await _db.Requests(s => s.Queries.GetAsync(tech, number, default));
        Assert.Equal("En atención", after.Summary.State);
        Assert.Equal(2, after.History.Count);
    }
}
