using SosepBot.Core.Attachments;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Service;

/// <summary>
/// «Pendientes» through <see cref="RequestQueries.WaitingOnAsync(SosepBot.Core.Procedures.Actor, int, int, CancellationToken)"/> on the database: the first ones, how many wait in
/// all and per procedure, and a role's queue that follows the assignment (a step that waits on a role only while
/// nobody is assigned leaves that role's queue once somebody is).
/// </summary>
public sealed class WaitingOnTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task WaitingOn_MoreThanTaken_ShowsTheFirstAndCountsThemAll()
    {
        var user = await _db.PersonAsync("Ana Usuaria");
        var head = await _db.PersonAsync("Rosa Jefa", Role.InfraHead);
        var tech = await _db.PersonAsync("Tito Tecnico", Role.Technician);
        var numbers = new List<string>();
        foreach (var title in new[] { "No imprime", "Sin red", "Pantalla azul" })
        {
            numbers.Add((await _db.Requests(s => s.Opening.OpenAsync(user, ServiceData.Ticket(title), default))).Summary.Number);
        }

        var first = await _db.Requests(s => s.Queries.WaitingOnAsync(head, 2, default));
        Assert.Equal(2, first.Items.Count);
        Assert.Equal(3, first.Total);
        Assert.Equal(new WaitingCount(ProcedureCodes.SoporteTecnico, "Soporte técnico", 3, 0), Assert.Single(first.Queues));

        await _db.Requests(s => s.Actions.FireAsync(head, numbers[0], "asignar", new ActionInput { AssigneeId = tech.PersonId }, default));

        var headAfter = await _db.Requests(s => s.Queries.WaitingOnAsync(head, 10, default));
        Assert.Equal(numbers.Skip(1).Order(), headAfter.Items.Select(i => i.Request.Number).Order());
        var techAfter = await _db.Requests(s => s.Queries.WaitingOnAsync(tech, 10, default));
        Assert.Equal(3, techAfter.Total);
        Assert.Equal(["atender"], techAfter.Items.Single(i => i.Request.Number == numbers[0]).Actions.Select(a => a.Action));
        Assert.All(techAfter.Items.Where(i => i.Request.Number != numbers[0]), i => Assert.Contains(i.Actions, a => a.Action == "tomar"));
        Assert.Equal(0, (await _db.Requests(s => s.Queries.WaitingOnAsync(user, 10, default))).Total);
    }

    [Fact]
    public async Task WaitingOn_AnalysisWaitsOnTheDevHeadUntilAnAnalystIsAssigned_ThenOnTheAnalyst()
    {
        var despacho = await _db.PersonAsync("Despacho Superior", Role.Despacho);
        var assistant = await _db.PersonAsync("Asistente Informatica", Role.Assistant);
        var director = await _db.PersonAsync("Director Informatica", Role.ItDirector);
        var devHead = await _db.PersonAsync("Jefe Desarrollo", Role.DevHead);
        var developer = await _db.PersonAsync("Analista Uno", Role.Developer);
        var number = (await _db.Requests(s => s.Opening.OpenAsync(despacho,
            new NewRequest { ProcedureCode = ProcedureCodes.NuevaAplicacion, Title = "Sistema de becas", Description = "Oficio DS-123-2026" }, default))).Summary.Number;
        await _db.AttachAsync(despacho, number, AttachmentKind.Oficio, "oficio.pdf", "application/pdf", ServiceData.Pdf(512));
        await _db.Requests(s => s.Actions.FireAsync(assistant, number, "recibir", ActionInput.None, default));
        await _db.Requests(s => s.Actions.FireAsync(director, number, "evaluar", ActionInput.None, default));
        await _db.Requests(s => s.Actions.FireAsync(director, number, "aceptar", ActionInput.None, default));

        var head = Assert.Single((await _db.Requests(s => s.Queries.WaitingOnAsync(devHead, 10, default))).Items);
        Assert.Contains(head.Actions, a => a.Action == "concluir-analisis");
        Assert.Equal(0, (await _db.Requests(s => s.Queries.WaitingOnAsync(developer, 10, default))).Total);

        await _db.Requests(s => s.Actions.FireAsync(devHead, number, "asignar-analista", new ActionInput { AssigneeId = developer.PersonId }, default));

        Assert.Equal(0, (await _db.Requests(s => s.Queries.WaitingOnAsync(devHead, 10, default))).Total);
        var analyst = Assert.Single((await _db.Requests(s => s.Queries.WaitingOnAsync(developer, 10, default))).Items);
        Assert.Equal(number, analyst.Request.Number);
        Assert.Equal("En análisis", analyst.Request.State);
        Assert.Equal(developer.PersonId, analyst.Request.Assignee?.Id);
    }
}
