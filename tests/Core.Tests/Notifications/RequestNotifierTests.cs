using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.Scheduling;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Notifications;

public sealed class RequestNotifierTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Actor _user = null!;
    private Actor _head = null!;
    private Actor _tech = null!;
    private Actor _tech2 = null!;
    private FixedReach _teams = null!;
    private FixedReach _mail = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _user = await _db.PersonAsync("Ana Usuaria");
        _head = await _db.PersonAsync("Jefe Infra", Role.InfraHead);
        _tech = await _db.PersonAsync("Tito Tecnico", Role.Technician);
        _tech2 = await _db.PersonAsync("Rita Tecnica", Role.Technician);
        _teams = new FixedReach(OutboxChannel.Teams, _user.PersonId, _tech.PersonId, _tech2.PersonId);
        _mail = new FixedReach(OutboxChannel.Mail, _user.PersonId, _head.PersonId, _tech.PersonId, _tech2.PersonId);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Process_TicketOpenedThroughTheApi_AcknowledgesTheRequesterAndTellsWhoMustAct()
    {
        var number = await OpenAsync(_user);

        await ProcessAsync();

        var messages = await MessagesAsync();
        Assert.Equal(
            new[] { ("acuse", _user.PersonId), ("le-espera", _head.PersonId), ("le-espera", _tech.PersonId), ("le-espera", _tech2.PersonId) }.Order(),
            messages.Select(m => (m.Kind, m.RecipientId!.Value)).Order());
        var ack = messages.Single(m => m.Kind == "acuse");
        Assert.Equal($"[{number}] Recibimos su solicitud: La impresora no imprime", ack.Subject);
        Assert.Contains($"Número: {number}", ack.Text, StringComparison.Ordinal);
        Assert.Contains("Qué sigue: El usuario generó el ticket; espera que el Jefe de Infraestructura y HelpDesk lo asigne.", ack.Text, StringComparison.Ordinal);
        var head = messages.Single(m => m.RecipientId == _head.PersonId);
        Assert.Equal(OutboxChannel.Mail, head.Channel);
        Assert.Equal($"[{number}] Le espera: asignar técnico — La impresora no imprime", head.Subject);
        Assert.Contains($"Le espera: {number} · Soporte técnico · asignar técnico · vence el lunes 2 de marzo, 13:00", head.Text, StringComparison.Ordinal);
        Assert.Contains("Usted puede asignar técnico; el plazo de este paso vence el lunes 2 de marzo, 13:00.", head.Text, StringComparison.Ordinal);
        var tech = messages.Single(m => m.RecipientId == _tech.PersonId);
        Assert.Equal($"[{number}] Le espera: tomar el ticket — La impresora no imprime", tech.Subject);
        // The technician reads what they may do, not the state's description (which speaks of the Jefe assigning it).
        Assert.Contains("Usted puede tomar el ticket; el plazo de este paso vence el lunes 2 de marzo, 13:00.\nLa solicitud «La impresora no imprime» está en «Abierto».", tech.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("lo asigne", tech.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_TicketOpenedInTeamsOrByMail_NoSecondAcknowledgement()
    {
        await OpenAsync(_user with { Channel = Channel.Teams });
        await OpenAsync(_user with { Channel = Channel.Mail });

        await ProcessAsync();

        Assert.DoesNotContain(await MessagesAsync(), m => m.Kind == "acuse");
    }

    [Fact]
    public async Task Process_OpenedOnBehalfByPhone_AcknowledgesTheRequesterNamingWhoRegisteredIt()
    {
        var number = (await _db.Requests(s => s.Opening.OpenAsync(_head with { Channel = Channel.Phone }, new NewRequest
        {
            ProcedureCode = ProcedureCodes.SoporteTecnico, Title = "Sin internet", RequesterEmail = "anausuaria@sosep.gob.gt",
        }, default))).Summary.Number;

        await ProcessAsync();

        var ack = Assert.Single(await MessagesAsync(), m => m.Kind == "acuse");
        Assert.Equal(_user.PersonId, ack.RecipientId);
        Assert.Contains($"Jefe Infra registró a su nombre la solicitud {number}", ack.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(await MessagesAsync(), m => m.RecipientId == _head.PersonId);
    }

    [Fact]
    public async Task Process_AssignResolve_TellsEachNextActorOnceAndNeverTheOneWhoActed()
    {
        var number = await OpenAsync(_user with { Channel = Channel.Teams });
        await ProcessAsync();
        var before = (await MessagesAsync()).Count;
        await _db.Requests(s => s.Actions.FireAsync(_head, number, "asignar", new ActionInput { AssigneeId = _tech.PersonId }, default));
        await ProcessAsync();
        await _db.Requests(s => s.Actions.FireAsync(_tech, number, "atender", ActionInput.None, default));
        await ProcessAsync();
        await _db.Requests(s => s.Actions.FireAsync(_tech, number, "resolver", new ActionInput { Text = "Se cambió el tóner." }, default));
        await ProcessAsync();

        var messages = (await MessagesAsync()).Skip(before).ToList();
        Assert.Equal(
            new[]
            {
                ("le-espera", _tech.PersonId),  // asignar: the assignee must start
                ("estado", _user.PersonId),
                ("estado", _user.PersonId),     // atender: the technician acted, nobody else waits
                ("le-espera", _user.PersonId),  // resolver: the requester must confirm or reopen
            }.Order(),
            messages.Select(m => (m.Kind, m.RecipientId!.Value)).Order());
        var assigned = messages.Single(m => m.RecipientId == _tech.PersonId);
        Assert.Contains("Jefe Infra le asignó la solicitud", assigned.Text, StringComparison.Ordinal);
        Assert.Contains("iniciar la atención", assigned.Subject, StringComparison.Ordinal);
        var resolved = messages.Single(m => m.Kind == "le-espera" && m.RecipientId == _user.PersonId);
        Assert.Equal(OutboxChannel.Teams, resolved.Channel);
        Assert.Contains("Hola, Ana Usuaria", resolved.Text, StringComparison.Ordinal);
        Assert.Contains("pasó de «En atención» a «Resuelto»", resolved.Text, StringComparison.Ordinal);
        Assert.Equal($"[{number}] Su solicitud está en «Resuelto» — le espera: reabrir o cerrar el ticket", resolved.Subject);
        Assert.Contains("Se cambió el tóner.", resolved.Text, StringComparison.Ordinal);
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
        var number = (await _db.Requests(s => s.Opening.OpenAsync(_user,
            new NewRequest { ProcedureCode = ProcedureCodes.MantenimientoAplicaciones, Title = "Reporte", Form = Procedures.Forms.Modules() }, default))).Summary.Number;
        await _db.Requests(s => s.Actions.FireAsync(assistant, number, "trasladar", ActionInput.None, default));
        await _db.Requests(s => s.Actions.FireAsync(director, number, "aprobar", ActionInput.None, default));
        await _db.Requests(s => s.Actions.FireAsync(devHead, number, "asignar", new ActionInput { AssigneeId = developer.PersonId }, default));
        await Service.ServiceData.AttachAsync(_db, developer, number, Attachments.AttachmentKind.DocumentoRequerimiento, "req.pdf", "application/pdf", Service.ServiceData.Pdf(512));
        await Service.ServiceData.AttachAsync(_db, developer, number, Attachments.AttachmentKind.PlanTrabajo, "plan.pdf", "application/pdf", Service.ServiceData.Pdf(512));
        await _db.Requests(s => s.Actions.FireAsync(developer, number, "enviar-plan", new ActionInput { PlannedEnd = new DateOnly(2026, 6, 30) }, default));
        await _db.Requests(s => s.Actions.FireAsync(devHead, number, "aprobar-plan", ActionInput.None, default));
        await _db.Requests(s => s.Actions.FireAsync(developer, number, "liberar-a-pruebas", new ActionInput { TesterIds = [tester.PersonId, _user.PersonId] }, default));

        await ProcessAsync();

        var messages = await MessagesAsync();
        var told = Assert.Single(messages, m => m.RecipientId == tester.PersonId);
        Assert.Equal("le-espera", told.Kind);
        Assert.Equal($"[{number}] Le espera: aprobar las pruebas o reportar fallas de las pruebas — Reporte", told.Subject);
        Assert.Contains("Analista lo nombró usuario de pruebas", told.Text, StringComparison.Ordinal);
        // The requester, named too, hears it once: the state change and what waits on them.
        var requester = Assert.Single(messages, m => m.RecipientId == _user.PersonId && m.Text.Contains("«En pruebas»", StringComparison.Ordinal));
        Assert.Equal("le-espera", requester.Kind);
    }

    [Fact]
    public async Task Process_RequestCameByMail_RequesterIsToldByMail()
    {
        var number = await OpenAsync(_user with { Channel = Channel.Mail });
        await _db.Requests(s => s.Actions.FireAsync(_tech, number, "tomar", ActionInput.None, default));

        await ProcessAsync();

        var message = Assert.Single(await MessagesAsync(), m => m.RecipientId == _user.PersonId);
        Assert.Equal(OutboxChannel.Mail, message.Channel);
        Assert.Equal("anausuaria@sosep.gob.gt", message.Recipient);
    }

    [Fact]
    public async Task Process_StepAlreadyLeftWhenProcessed_DoesNotTellItsPeople()
    {
        var number = await OpenAsync(_user with { Channel = Channel.Teams });
        await _db.Requests(s => s.Actions.FireAsync(_tech, number, "tomar", ActionInput.None, default));

        await ProcessAsync();

        // «Abierto» was left before anybody was told: neither the head nor the other technician hears of it.
        var messages = await MessagesAsync();
        Assert.DoesNotContain(messages, m => m.RecipientId == _head.PersonId || m.RecipientId == _tech2.PersonId);
    }

    [Fact]
    public async Task Process_PersonChoseSummaryOnly_GetsNoImmediateWaitingNotice()
    {
        await _db.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            return await db.People.Where(p => p.Id == _tech2.PersonId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Notices, NoticeMode.SummaryOnly));
        });
        await OpenAsync(_user);

        await ProcessAsync();

        var messages = await MessagesAsync();
        Assert.Contains(messages, m => m.RecipientId == _tech.PersonId);
        Assert.DoesNotContain(messages, m => m.RecipientId == _tech2.PersonId);
    }

    [Fact]
    public async Task Process_PersonNoChannelReaches_MessageWaitsWithItsReasonAndIsReleasedWhenAChannelReaches()
    {
        _teams.People.Clear();
        _mail.People.Clear();
        var number = await OpenAsync(_user);
        await _db.Requests(s => s.Actions.FireAsync(_tech, number, "tomar", ActionInput.None, default));

        await ProcessAsync();

        var waiting = await MessagesAsync();
        Assert.NotEmpty(waiting);
        Assert.All(waiting, m => Assert.Equal(OutboxStatus.AwaitingChannel, m.Status));
        Assert.Contains(waiting, m => m.Recipient == "anausuaria@sosep.gob.gt");
        Assert.All(waiting, m => Assert.Equal("sin canal: sin canal de prueba; sin canal de prueba", m.LastError));
        Assert.Equal(0, await _db.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().RequestEvents.CountAsync(e => e.ProcessedAt == null)));

        Assert.Equal((0, 0), await ReleaseAsync());
        _mail.People.Add(_user.PersonId);
        Assert.Equal((2, 0), await ReleaseAsync());
        var released = (await MessagesAsync()).Where(m => m.Status == OutboxStatus.Pending).ToList();
        Assert.Equal(["acuse", "estado"], released.Select(m => m.Kind).Order());
        Assert.All(released, m => Assert.Equal((_user.PersonId, OutboxChannel.Mail, "anausuaria@sosep.gob.gt"), (m.RecipientId!.Value, m.Channel, m.Recipient)));
        Assert.All(released, m => Assert.Null(m.LastError));

        _db.Time.Advance(TimeSpan.FromDays(31));
        var (_, givenUp) = await ReleaseAsync();
        Assert.Equal(waiting.Count - 2, givenUp);
        Assert.All((await MessagesAsync()).Where(m => m.RecipientId != _user.PersonId), m =>
        {
            Assert.Equal(OutboxStatus.DeadLettered, m.Status);
            Assert.StartsWith("Se dejó de esperar un canal tras 30 días", m.LastError, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Process_NoChannelConfiguredAtAll_SaysSo()
    {
        var number = await OpenAsync(_user);

        await _db.InScopeAsync(sp => new RequestNotifier(
            sp.GetRequiredService<SosepDbContext>(), sp.GetRequiredService<ProcedureCatalog>(), sp.GetRequiredService<NextActorRules>(),
            new RecipientChannels([], _db.Time), sp.GetRequiredService<BusinessCalendar>(), _db.Time,
            NullLogger<RequestNotifier>.Instance).ProcessAsync(CancellationToken.None));

        Assert.All(await MessagesAsync(), m => Assert.Equal(RecipientChannels.NoChannelConfigured, m.LastError));
        Assert.Contains(await MessagesAsync(), m => m.RequestNumber == number && m.Kind == "acuse");
    }

    [Fact]
    public async Task Process_ActorIsTheRequester_DoesNotTellThemWhatTheyDid()
    {
        var number = await OpenAsync(_user with { Channel = Channel.Teams });
        await _db.Requests(s => s.Actions.FireAsync(_user, number, "anular", new ActionInput { Text = "Ya funciona." }, default));

        await ProcessAsync();

        Assert.Empty(await MessagesAsync());
    }

    [Fact]
    public async Task Process_Comments_GoToTheOtherParty()
    {
        var number = await OpenAsync(_user with { Channel = Channel.Teams });
        await _db.Requests(s => s.Actions.FireAsync(_tech, number, "tomar", ActionInput.None, default));
        await _db.Requests(s => s.Actions.CommentAsync(_tech, number, "¿Qué modelo es la impresora?", default));
        await _db.Requests(s => s.Actions.CommentAsync(_user, number, "Es una HP LaserJet.", default));

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
            var number = await OpenAsync(_user with { Channel = Channel.Teams });
            await _db.Requests(s => s.Actions.FireAsync(_tech, number, "tomar", ActionInput.None, default));
        }

        await Task.WhenAll(ProcessAsync(), ProcessAsync());
        await ProcessAsync();

        var messages = await MessagesAsync();
        Assert.Equal(5, messages.Count);
        Assert.Equal(5, messages.Select(m => m.DedupKey).Distinct().Count());
    }

    [Fact]
    public async Task Process_ConfiguredOverride_ReplacesThePeopleOfThatStep()
    {
        await using var db = await TestDatabase.CreateAsync(new Dictionary<string, string?>
        {
            ["Notices:NextActors:DS-UI-04:Abierto:0"] = "InfraHead",
        });
        var user = await db.PersonAsync("Ana Usuaria");
        var head = await db.PersonAsync("Jefe Infra", Role.InfraHead);
        var tech = await db.PersonAsync("Tito Tecnico", Role.Technician);
        await db.Requests(s => s.Opening.OpenAsync(user with { Channel = Channel.Teams }, new NewRequest { ProcedureCode = ProcedureCodes.SoporteTecnico, Title = "x" }, default));
        var reach = new FixedReach(OutboxChannel.Mail, user.PersonId, head.PersonId, tech.PersonId);

        await db.InScopeAsync(sp => new RequestNotifier(
            sp.GetRequiredService<SosepDbContext>(), sp.GetRequiredService<ProcedureCatalog>(), sp.GetRequiredService<NextActorRules>(),
            new RecipientChannels([reach], db.Time), sp.GetRequiredService<BusinessCalendar>(), db.Time,
            NullLogger<RequestNotifier>.Instance).ProcessAsync(CancellationToken.None));

        var told = await db.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().OutboxMessages.Select(m => m.RecipientId).ToListAsync());
        Assert.Equal([head.PersonId], told);
    }

    [Fact]
    public void Validate_OverrideNamesUnknownStateOrRole_RefusesNamingTheSetting()
    {
        var options = new NoticeOptions();
        options.NextActors["DS-UI-04"] = new() { ["Abiertísimo"] = ["InfraHead"], ["Abierto"] = ["Bombero"] };

        var result = new NoticeOptionsValidator(new ProcedureCatalog()).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Notices:NextActors:DS-UI-04:Abiertísimo", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("'Bombero' is neither", result.FailureMessage, StringComparison.Ordinal);
    }

    private async Task<string> OpenAsync(Actor actor) =>
        (await _db.Requests(s => s.Opening.OpenAsync(actor, new NewRequest { ProcedureCode = ProcedureCodes.SoporteTecnico, Title = "La impresora no imprime" }, default)))
        .Summary.Number;

    private Task<int> ProcessAsync() =>
        _db.InScopeAsync(sp => new RequestNotifier(
            sp.GetRequiredService<SosepDbContext>(), sp.GetRequiredService<ProcedureCatalog>(), sp.GetRequiredService<NextActorRules>(),
            new RecipientChannels([_teams, _mail], _db.Time), sp.GetRequiredService<BusinessCalendar>(), _db.Time,
            NullLogger<RequestNotifier>.Instance).ProcessAsync(CancellationToken.None));

    private Task<(int, int)> ReleaseAsync() =>
        _db.InScopeAsync(sp => new ChannelWaitingRoom(
            sp.GetRequiredService<SosepDbContext>(), new RecipientChannels([_teams, _mail], _db.Time),
            sp.GetRequiredService<IOptions<NoticeOptions>>(), _db.Time, NullLogger<ChannelWaitingRoom>.Instance).ReleaseAsync(CancellationToken.None));

    private Task<List<OutboxMessage>> MessagesAsync() =>
        _db.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());
}
