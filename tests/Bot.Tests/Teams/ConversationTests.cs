using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Bot.Tests.Fakes;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;

namespace SosepBot.Bot.Tests.Teams;

/// <summary>Conversations through POST /api/messages with real tokens, the real host and database, and the fake connector.</summary>
public sealed class ConversationTests : IAsyncLifetime
{
    private const string Ana = "aad-ana-0001";
    private const string Tito = "aad-tito-0002";
    private const string Lola = "aad-lola-0003";
    private const string Rosa = "aad-rosa-0004";
    private const string Dora = "aad-dora-0005";
    private TeamsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await TeamsHost.StartAsync();
        await _host.PersonAsync("Ana Pérez", Ana);
        await _host.PersonAsync("Tito López", Tito, Role.Technician);
        await _host.PersonAsync("Lola Ruiz", Lola, Role.Technician);
        await _host.PersonAsync("Rosa Díaz", Rosa, Role.InfraHead);
        await _host.PersonAsync("Dora Méndez", Dora, Role.UnitDirector);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ConversationUpdate_Install_WelcomesInSpanishWithTheMenu()
    {
        var update = _host.Activity("conversationUpdate", Ana, null, a => a["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:" + TeamsHost.AppId }));

        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync(update)).StatusCode);

        var welcome = await _host.Connector.WaitForPostAsync(p => p.Text.Contains("¡Hola, Ana Pérez!", StringComparison.Ordinal));
        Assert.Contains("DS-UI-04", welcome.CardJson, StringComparison.Ordinal);
        Assert.DoesNotContain("DS-UI-07", welcome.CardJson, StringComparison.Ordinal); // only directors open account requests
        Assert.DoesNotContain("DS-UI-06", welcome.CardJson, StringComparison.Ordinal); // Ana is of the central offices
    }

    [Fact]
    public async Task Message_UnknownPerson_IsToldHowToRegisterAndNothingIsOpened()
    {
        await _host.PostAsync(_host.Message("aad-desconocido", "mi impresora no imprime desde ayer"));

        var reply = await _host.Connector.WaitForPostAsync(p => p.Text.Contains("no está registrado", StringComparison.Ordinal));
        Assert.Contains("aad-desconocido", reply.Text, StringComparison.Ordinal);
        Assert.Equal(0, await _host.DbAsync(db => db.Requests.CountAsync()));
        Assert.Equal(0, await _host.DbAsync(db => db.TeamsConversationReferences.CountAsync()));
    }

    [Fact]
    public async Task Message_PersonRegisteredByEmailOnly_IsRecognisedThroughTheRoster()
    {
        await using (var scope = _host.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PeopleService>().UpsertAsync(new PersonInput { Email = "beto@sosep.gob.gt", DisplayName = "Beto Paz" }, default);
        }

        _host.Connector.Member = new JsonObject { ["id"] = "29:aad-beto", ["aadObjectId"] = "aad-beto", ["email"] = "Beto@sosep.gob.gt", ["name"] = "Beto Paz" };
        await _host.PostAsync(_host.Message("aad-beto", "mis solicitudes"));

        await _host.Connector.WaitForPostAsync(p => p.CardJson.Contains("Mis solicitudes", StringComparison.Ordinal));
        Assert.Equal("aad-beto", await _host.DbAsync(db => db.People.Where(p => p.Email == "beto@sosep.gob.gt").Select(p => p.AadObjectId).SingleAsync()));
    }

    [Fact]
    public async Task FreeText_ConfirmedTwice_OpensOneSupportTicket()
    {
        await _host.PostAsync(_host.Message(Ana, "mi impresora no imprime"));
        var confirm = await _host.Connector.WaitForPostAsync(p => p.CardJson.Contains("¿Abro un ticket?", StringComparison.Ordinal));
        var source = JsonNode.Parse(confirm.CardJson)!["actions"]![0]!["data"]!.AsObject();

        var first = await _host.InvokeAsync(_host.Execute(Ana, "abrirTicket", source.DeepClone().AsObject()));
        var again = await _host.InvokeAsync(_host.Execute(Ana, "abrirTicket", source.DeepClone().AsObject()));

        Assert.Contains("Se abrió su ticket UI-2026-00001", first.ToJsonString(ConnectorCall.Readable), StringComparison.Ordinal);
        Assert.Contains("ya se abrió: es el UI-2026-00001", again.ToJsonString(ConnectorCall.Readable), StringComparison.Ordinal);
        var request = await _host.DbAsync(db => db.Requests.SingleAsync());
        Assert.Equal("DS-UI-04", request.ProcedureCode);
        Assert.Equal("mi impresora no imprime", request.Title);
        Assert.Equal(Core.Requests.Channel.Teams, request.OpenedVia);
    }

    [Fact]
    public async Task FreeText_PersonOfADepartmentalSiteUnit_OpensDsUi06_CentralOfficeAgainOnceTheUnitChanges()
    {
        long unitId;
        await using (var scope = _host.Factory.Services.CreateAsyncScope())
        {
            var units = scope.ServiceProvider.GetRequiredService<Core.Units.UnitService>();
            unitId = (await units.CreateAsync(new Core.Units.UnitInput { Name = "Sede Petén", Kind = "sede departamental", Department = "Petén" }, default)).Id;
            var people = scope.ServiceProvider.GetRequiredService<PeopleService>();
            var ana = (await people.FindByAadObjectIdAsync(Ana, default))!;
            await people.UpsertAsync(new PersonInput { Email = ana.Email, DisplayName = ana.DisplayName, Unit = "sede peten" }, default);
        }

        await _host.PostAsync(_host.Message(Ana, "menú"));
        var menu = await _host.Connector.WaitForPostAsync(p => p.CardJson.Contains("Mesa de ayuda", StringComparison.Ordinal));
        Assert.Contains("DS-UI-06", menu.CardJson, StringComparison.Ordinal);
        var site = await OpenTicketAsync(Ana, "no hay internet en la sede");
        await using (var scope = _host.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Core.Units.UnitService>().UpdateAsync(unitId, new Core.Units.UnitInput { Kind = "oficina central" }, default);
        }

        var central = await OpenTicketAsync(Ana, "la impresora de la oficina no imprime");

        var codes = await _host.DbAsync(db => db.Requests.Where(r => r.Number == site || r.Number == central).OrderBy(r => r.Id).Select(r => r.ProcedureCode).ToListAsync());
        Assert.Equal(["DS-UI-06", "DS-UI-04"], codes);
    }

    [Fact]
    public async Task Invoke_RedeliveredWithTheSameId_ActsOnceAndAnswersTheSame()
    {
        await _host.PostAsync(_host.Message(Ana, "la computadora no enciende nada"));
        var confirm = await _host.Connector.WaitForPostAsync(p => p.CardJson.Contains("¿Abro un ticket?", StringComparison.Ordinal));
        var data = JsonNode.Parse(confirm.CardJson)!["actions"]![0]!["data"]!.AsObject();
        var invoke = _host.Execute(Ana, "abrirTicket", data, id: "invoke-repetido");

        var first = await _host.InvokeAsync(invoke);
        var second = await _host.InvokeAsync(invoke);

        Assert.Equal(first.ToJsonString(ConnectorCall.Readable), second.ToJsonString(ConnectorCall.Readable));
        Assert.Equal(1, await _host.DbAsync(db => db.Requests.CountAsync()));
        Assert.Equal(1, await _host.DbAsync(db => db.AuditEntries.CountAsync(a => a.Kind == Core.Audit.AuditKind.Created)));
    }

    [Fact]
    public async Task Invoke_ReadOnlyRedeliveredTheMomentItIsAnswered_AnswersTheSameCardAndPostsNothing()
    {
        // A read-only button's card is kept with its activity by a bookkeeping write that may wait for the next group
        // commit; a redelivery arriving before that write must still get the card, not an empty answer.
        var invoke = _host.Execute(Ana, "menu", [], id: "boton-repetido-al-instante");

        var first = await _host.InvokeAsync(invoke);
        var second = await _host.InvokeAsync(invoke);

        Assert.Contains("Mesa de ayuda", first.ToJsonString(ConnectorCall.Readable), StringComparison.Ordinal);
        Assert.Equal(first.ToJsonString(ConnectorCall.Readable), second.ToJsonString(ConnectorCall.Readable));
        Assert.Equal(1, await _host.DbAsync(db => db.TeamsInboundActivities.CountAsync()));
        await Task.Delay(300);
        Assert.Empty(_host.Connector.Posted);
    }

    [Fact]
    public async Task Message_RedeliveredWithTheSameId_IsAnsweredOnce()
    {
        var message = _host.Message(Ana, "ayuda", id: "mensaje-repetido");

        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync(message)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync(message)).StatusCode);
        await _host.Connector.WaitForPostAsync(p => p.Text.Contains("Unidad de Informática", StringComparison.Ordinal));
        await Task.Delay(500);

        Assert.Single(_host.Connector.Posted);
        Assert.Equal(1, await _host.DbAsync(db => db.TeamsInboundActivities.CountAsync()));
    }

    [Fact]
    public async Task Reply_ThrottledWith429_WaitsForRetryAfterThenDelivers()
    {
        _host.Connector.Throttle(1, retryAfterSeconds: 7);

        await _host.PostAsync(_host.Message(Ana, "ayuda"));
        await ChannelAuthenticationTests.WaitAsync(() => _host.Connector.Calls.Any(c => c.Status == 429));
        await Task.Delay(300);
        Assert.Empty(_host.Connector.Posted); // nothing before Retry-After has passed on the service's clock

        _host.Factory.Time.Advance(TimeSpan.FromSeconds(7));

        var delivered = await _host.Connector.WaitForPostAsync(_ => true);
        Assert.Contains("Unidad de Informática", delivered.Text, StringComparison.Ordinal);
        Assert.Equal(2, _host.Connector.Calls.Count(c => c.Path.Contains("/activities", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AccountForm_WrongCui_IsRefusedInTheCardKeepingWhatWasTyped()
    {
        var form = await _host.InvokeAsync(_host.Execute(Dora, "formulario", new JsonObject { ["procedure"] = "DS-UI-07" }));
        Assert.Contains("CUI (13 dígitos del DPI)", form.ToJsonString(ConnectorCall.Readable), StringComparison.Ordinal);
        var data = Filled(form["actions"]![0]!["data"]!.AsObject(), cui: "2470945610101");

        var refused = await _host.InvokeAsync(_host.Execute(Dora, "enviarFormulario", data));

        var json = refused.ToJsonString(ConnectorCall.Readable);
        Assert.Contains("El CUI no es válido: el dígito verificador no corresponde.", json, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"2470945610101\"", json, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"Carla Sofía\"", json, StringComparison.Ordinal);
        Assert.Equal(0, await _host.DbAsync(db => db.Requests.CountAsync()));

        var accepted = await _host.InvokeAsync(_host.Execute(Dora, "enviarFormulario", Filled(data, cui: "2470945600101")));

        Assert.Contains("Se abrió su solicitud UI-2026-00001", accepted.ToJsonString(ConnectorCall.Readable), StringComparison.Ordinal);
        var request = await _host.DbAsync(db => db.Requests.SingleAsync());
        Assert.Equal("DS-UI-07", request.ProcedureCode);
        Assert.Equal("2470945600101", request.Form.Cui);
    }

    [Fact]
    public async Task WorkCard_TwoTechniciansTakeAtOnce_OneGetsItTheOtherIsTold()
    {
        var number = await OpenTicketAsync(Ana, "el monitor parpadea mucho");
        var card = await _host.InvokeAsync(_host.Execute(Tito, "ver", new JsonObject { ["number"] = number }));
        var take = FindAction(card, "tomar");

        var results = await Task.WhenAll(
            _host.InvokeAsync(_host.Execute(Tito, "accion", take.DeepClone().AsObject())),
            _host.InvokeAsync(_host.Execute(Lola, "accion", take.DeepClone().AsObject())));

        var texts = results.Select(r => r.ToJsonString(ConnectorCall.Readable)).ToList();
        Assert.Single(texts, t => t.Contains("Listo: Tomar el ticket", StringComparison.Ordinal));
        Assert.Single(texts, t => t.Contains("⚠️", StringComparison.Ordinal) && t.Contains("En atención", StringComparison.Ordinal));
        Assert.Equal("En atención", await _host.DbAsync(db => db.Requests.Select(r => r.State).SingleAsync()));
    }

    [Fact]
    public async Task WorkCards_TakeResolve_RequesterIsNotifiedInTheirChat()
    {
        var number = await OpenTicketAsync(Ana, "no tengo acceso a la red desde la mañana");
        var queue = await _host.InvokeAsync(_host.Execute(Tito, "pendientes", []));
        Assert.Contains(number, queue.ToJsonString(ConnectorCall.Readable), StringComparison.Ordinal);

        var taken = await _host.InvokeAsync(_host.Execute(Tito, "accion", FindAction(await Card(Tito, number), "tomar")));
        var resolve = FindAction(taken, "resolver");
        resolve["text"] = "Se cambió el cable de red.";
        var resolved = await _host.InvokeAsync(_host.Execute(Tito, "accion", resolve));
        Assert.Contains("está ahora en «Resuelto»", resolved.ToJsonString(ConnectorCall.Readable), StringComparison.Ordinal);

        await using var scope = _host.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RequestNotifier>().ProcessAsync(default);
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(default);

        var notice = await _host.Connector.WaitForPostAsync(p => p.Text.Contains($"[{number}] Su solicitud está en «Resuelto»", StringComparison.Ordinal));
        Assert.Equal($"/v3/conversations/a:conv-{Ana}/activities", notice.Path);
        // «Le espera» comes as its text and the request's card, with the buttons the requester may press now.
        Assert.Contains("Se cambió el cable de red.", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Le espera:", notice.Text, StringComparison.Ordinal);
        var card = notice.Body!["attachments"]![0]!.ToJsonString(ConnectorCall.Readable);
        Assert.Contains("\"action\":\"cerrar\"", card, StringComparison.Ordinal);
        Assert.Contains("\"action\":\"reabrir\"", card, StringComparison.Ordinal);
        Assert.StartsWith("Bearer token-del-bot-", notice.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notices_CardShowsTheChoice_AndItsButtonsChangeIt()
    {
        var shown = (await _host.InvokeAsync(_host.Execute(Tito, "avisos", []))).ToJsonString(ConnectorCall.Readable);
        Assert.Contains("Ahora recibe un aviso en cuanto algo espera por usted", shown, StringComparison.Ordinal);

        var changed = (await _host.InvokeAsync(_host.Execute(Tito, "avisos-modo", new JsonObject { ["mode"] = "solo-resumen" }))).ToJsonString(ConnectorCall.Readable);
        Assert.Contains("Listo: guardé cómo quiere recibir sus avisos.", changed, StringComparison.Ordinal);
        Assert.Contains("Ahora recibe solo el resumen diario", changed, StringComparison.Ordinal);
        var refused = (await _host.InvokeAsync(_host.Execute(Tito, "avisos-modo", new JsonObject { ["mode"] = "nunca" }))).ToJsonString(ConnectorCall.Readable);
        Assert.Contains("El modo de avisos «nunca» no existe", refused, StringComparison.Ordinal);

        await using var scope = _host.Factory.Services.CreateAsyncScope();
        var tito = await scope.ServiceProvider.GetRequiredService<PeopleService>().FindByAadObjectIdAsync(Tito, default);
        Assert.Equal(NoticeMode.SummaryOnly, tito!.Notices);
    }

    [Fact]
    public async Task RecipientReach_PersonWhoNeverWrote_IsNotReachable()
    {
        await _host.PostAsync(_host.Message(Ana, "ayuda"));
        await _host.Connector.WaitForPostAsync(_ => true);
        await using var scope = _host.Factory.Services.CreateAsyncScope();
        var reach = scope.ServiceProvider.GetServices<IRecipientReach>().Single(r => r.Channel == OutboxChannel.Teams);
        var ana = await scope.ServiceProvider.GetRequiredService<PeopleService>().FindByAadObjectIdAsync(Ana, default);
        var tito = await scope.ServiceProvider.GetRequiredService<PeopleService>().FindByAadObjectIdAsync(Tito, default);

        Assert.True((await reach.ReachAsync(ana!.Id, default)).CanReach);
        Assert.Equal(Reach.No("Teams no instalado"), await reach.ReachAsync(tito!.Id, default));
    }

    [Fact]
    public async Task Message_FileWithNumber_IsStoredWithTheRequest()
    {
        var number = await OpenTicketAsync(Ana, "la impresora hace un ruido extraño");
        var message = _host.Message(Ana, $"{number} foto");
        message["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
            ["name"] = "falla.pdf",
            ["content"] = new JsonObject { ["downloadUrl"] = _host.Connector.ServiceUrl + "files/falla.pdf", ["fileType"] = "pdf" },
        });

        await _host.PostAsync(message);

        await _host.Connector.WaitForPostAsync(p => p.Text.Contains($"Guardé «falla.pdf» (fotografía del equipo) en la solicitud {number}", StringComparison.Ordinal));
        Assert.Equal("falla.pdf", await _host.DbAsync(db => db.Attachments.Select(a => a.FileName).SingleAsync()));
    }

    [Fact]
    public async Task Message_NumberOfARequest_ShowsItsStatusAndHistory()
    {
        var number = await OpenTicketAsync(Ana, "el teclado no escribe la letra ñ");

        await _host.PostAsync(_host.Message(Ana, $"historial {number.ToLowerInvariant()}"));

        var card = await _host.Connector.WaitForPostAsync(p => p.CardJson.Contains("Historial completo", StringComparison.Ordinal));
        Assert.Contains(number, card.CardJson, StringComparison.Ordinal);
        Assert.Contains("Abierto", card.CardJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_ShortUnknownText_GetsHelpNotAnError()
    {
        await _host.PostAsync(_host.Message(Ana, "xyz"));

        var reply = await _host.Connector.WaitForPostAsync(_ => true);
        Assert.Contains("No entendí «xyz»", reply.Text, StringComparison.Ordinal);
    }

    private async Task<JsonObject> Card(string aad, string number) =>
        await _host.InvokeAsync(_host.Execute(aad, "ver", new JsonObject { ["number"] = number }));

    private async Task<string> OpenTicketAsync(string aad, string text)
    {
        var message = _host.Message(aad, text);
        await _host.PostAsync(message);
        var confirm = await _host.Connector.WaitForPostAsync(p => p.CardJson.Contains(text, StringComparison.Ordinal));
        var data = JsonNode.Parse(confirm.CardJson)!["actions"]![0]!["data"]!.AsObject();
        var card = await _host.InvokeAsync(_host.Execute(aad, "abrirTicket", data));
        return System.Text.RegularExpressions.Regex.Match(card.ToJsonString(ConnectorCall.Readable), @"UI-\d{4}-\d{5}").Value;
    }

    /// <summary>The data of the work-card action with that code (ShowCard actions hold it in their inner card).</summary>
    private static JsonObject FindAction(JsonObject card, string action)
    {
        foreach (var node in card.ToJsonString(ConnectorCall.Readable).Split("\"data\":").Skip(1))
        {
            var data = JsonNode.Parse(node[..(node.IndexOf('}', StringComparison.Ordinal) + 1)])!.AsObject();
            if (data["action"]?.GetValue<string>() == action)
            {
                return data;
            }
        }

        throw new InvalidOperationException($"No action {action} in {card.ToJsonString(ConnectorCall.Readable)}");
    }

    private static JsonObject Filled(JsonObject data, string cui)
    {
        var d = data.DeepClone().AsObject();
        d["changeKind"] = "Nuevo";
        d["firstNames"] = "Carla Sofía";
        d["lastNames"] = "Gómez Ruiz";
        d["cui"] = cui;
        d["nit"] = "1234567-9";
        d["jobTitle"] = "Trabajadora social";
        d["operationalUnit"] = "Hogares Comunitarios";
        d["directorOrHead"] = "Dora Méndez";
        d["internetAccess"] = "PaginasDeGobierno";
        return d;
    }
}
