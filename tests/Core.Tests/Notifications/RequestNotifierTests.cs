using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Notifications;

public sealed class RequestNotifierTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Actor _user = null!;
    private Actor _head = null!;
    private Actor _tech = null!;
    private FixedReach _teams = null!;
    private FixedReach _mail = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateSqliteAsync();
        _user = await _db.PersonAsync("Ana Usuaria");
        _head = await _db.PersonAsync("Jefe Infra", Role.InfraHead);
        _tech = await _db.PersonAsync("Tito Tecnico", Role.Technician);
        _teams = new FixedReach(OutboxChannel.Teams, _user.PersonId, _tech.PersonId);
        _mail = new FixedReach(OutboxChannel.Mail, _user.PersonId, _head.PersonId, _tech.PersonId);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Process_AssignResolve_TellsTheAssigneeAndTheRequesterOnTeams()
    {
        var number = await OpenAsync(_user);
        await _db.Requests(s => s.FireAsync(_head, number, "asignar", new ActionInput { AssigneeId = _tech.PersonId }, default));
        await _db.Requests(s => s.FireAsync(_tech, number, "atender", ActionInput.None, default));
        await _db.Requests(s => s.FireAsync(_tech, number, "resolver", new ActionInput { Text = "Se cambió el tóner." }, default));

        await ProcessAsync();

        var messages = await MessagesAsync();
        Assert.All(messages, m => Assert.Equal(OutboxChannel.Teams, m.Channel));
        Assert.Equal(
            new[]
            {
                ("asignacion", _tech.PersonId),
                ("estado", _user.PersonId),
                ("estado", _user.PersonId),
                ("estado", _user.PersonId),
            },
            messages.Select(m => (m.Kind, m.RecipientId!.Value)).Order().ToArray());
        var resolved = messages.Single(m => m.Text.Contains("Se cambió el tóner.", StringComparison.Ordinal));
        Assert.Equal($"[{number}] Su solicitud está en «Resuelto»", resolved.Subject);
        Assert.Contains("Hola, Ana Usuaria", resolved.Text, StringComparison.Ordinal);
        Assert.Contains("pasó de «En atención» a «Resuelto»", resolved.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_TestersNamedOnRelease_AreEachToldToTest()
    {
        var assistant = await _db.PersonAsync("Asistente", Role.Assistant);
        var director = await _db.PersonAsync("Director", Role.ItDirector);
        var devHead = await _db.PersonAsync("Jefa Desarrollo", Role.DevHead);
        var developer = await _db.PersonAsync("Analista", Role.Developer);
        var tester = await _db.PersonAsync("Pablo Probador");
        _teams.People.Add(tester.PersonId);
        var number = (await _db.Requests(s => s.CreateAsync(_user,
            new NewRequest { ProcedureCode = ProcedureCodes.MantenimientoAplicaciones, Title = "Reporte", Form = Procedures.Forms.Modules() }, default))).Summary.Number;
        await _db.Requests(s => s.FireAsync(assistant, number, "trasladar", ActionInput.None, default));
        await _db.Requests(s => s.FireAsync(director, number, "aprobar", ActionInput.None, default));
        await _db.Requests(s => s.FireAsync(devHead, number, "asignar", new ActionInput { AssigneeId = developer.PersonId }, default));
        await Service.ServiceData.AttachAsync(_db, developer, number, Attachments.AttachmentKind.DocumentoRequerimiento, "req.pdf", "application/pdf", Service.ServiceData.Pdf(512));
        await Service.ServiceData.AttachAsync(_db, developer, number, Attachments.AttachmentKind.PlanTrabajo, "plan.pdf", "application/pdf", Service.ServiceData.Pdf(512));
        await _db.Requests(s => s.FireAsync(developer, number, "enviar-plan", new ActionInput { PlannedEnd = new DateOnly(2026, 6, 30) }, default));
        await _db.Requests(s => s.FireAsync(devHead, number, "aprobar-plan", ActionInput.None, default));
        await _db.Requests(s => s.FireAsync(developer, number, "liberar-a-pruebas", new ActionInput { TesterIds = [tester.PersonId, _user.PersonId] }, default));

        await ProcessAsync();

        var told = Assert.Single(await MessagesAsync(), m => m.Kind == "pruebas");
        Assert.Equal(tester.PersonId, told.RecipientId);
        Assert.Equal($"[{number}] Se le pide probar: Reporte", told.Subject);
        Assert.Contains("lo nombró usuario de pruebas", told.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_RequestCameByMail_RequesterIsToldByMail()
    {
        var number = await OpenAsync(_user with { Channel = Channel.Mail });
        await _db.Requests(s => s.FireAsync(_tech, number, "tomar", ActionInput.None, default));

        await ProcessAsync();

        var message = Assert.Single(await MessagesAsync());
        Assert.Equal(OutboxChannel.Mail, message.Channel);
        Assert.Equal("anausuaria@sosep.gob.gt", message.Recipient);
    }

    [Fact]
    public async Task Process_PersonNoChannelReaches_QueuesNothingAndMarksTheEvent()
    {
        _teams.People.Clear();
        _mail.People.Clear();
        var number = await OpenAsync(_user);
        await _db.Requests(s => s.FireAsync(_tech, number, "tomar", ActionInput.None, default));

        await ProcessAsync();

        Assert.Empty(await MessagesAsync());
        Assert.Equal(0, await _db.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().RequestEvents.CountAsync(e => e.ProcessedAt == null)));
    }

    [Fact]
    public async Task Process_ActorIsTheRequester_DoesNotTellThemWhatTheyDid()
    {
        var number = await OpenAsync(_user);
        await _db.Requests(s => s.FireAsync(_user, number, "anular", new ActionInput { Text = "Ya funciona." }, default));

        await ProcessAsync();

        Assert.Empty(await MessagesAsync());
    }

    [Fact]
    public async Task Process_Comments_GoToTheOtherParty()
    {
        var number = await OpenAsync(_user);
        await _db.Requests(s => s.FireAsync(_tech, number, "tomar", ActionInput.None, default));
        await _db.Requests(s => s.CommentAsync(_tech, number, "¿Qué modelo es la impresora?", default));
        await _db.Requests(s => s.CommentAsync(_user, number, "Es una HP LaserJet.", default));

        await ProcessAsync();

        var comments = (await MessagesAsync()).Where(m => m.Kind == "comentario").ToList();
        Assert.Equal(2, comments.Count);
        Assert.Contains(comments, m => m.RecipientId == _user.PersonId && m.Text.Contains("¿Qué modelo", StringComparison.Ordinal));
        Assert.Contains(comments, m => m.RecipientId == _tech.PersonId && m.Text.Contains("HP LaserJet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Process_RunTwiceAndTwoAtOnce_QueuesEachNoticeOnce()
    {
        for (var i = 0; i < 5; i++)
        {
            var number = await OpenAsync(_user);
            await _db.Requests(s => s.FireAsync(_tech, number, "tomar", ActionInput.None, default));
        }

        await Task.WhenAll(ProcessAsync(), ProcessAsync());
        await ProcessAsync();

        var messages = await MessagesAsync();
        Assert.Equal(5, messages.Count);
        Assert.Equal(5, messages.Select(m => m.DedupKey).Distinct().Count());
    }

    private async Task<string> OpenAsync(Actor actor) =>
        (await _db.Requests(s => s.CreateAsync(actor, new NewRequest { ProcedureCode = ProcedureCodes.SoporteTecnico, Title = "La impresora no imprime" }, default)))
        .Summary.Number;

    private Task<int> ProcessAsync() =>
        _db.InScopeAsync(sp => new RequestNotifier(
            sp.GetRequiredService<SosepDbContext>(), sp.GetRequiredService<ProcedureCatalog>(), [_teams, _mail], _db.Time,
            NullLogger<RequestNotifier>.Instance).ProcessAsync(CancellationToken.None));

    private Task<List<OutboxMessage>> MessagesAsync() =>
        _db.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());
}
