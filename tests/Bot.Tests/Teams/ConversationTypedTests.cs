using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SosepBot.Bot.Tests.Fakes;
using SosepBot.Core.People;

namespace SosepBot.Bot.Tests.Teams;

/// <summary>
/// What people type besides commands — «sí», «no», thanks, greetings, status questions, the misunderstood and the very
/// long — through POST /api/messages with the real host and database and the fake connector.
/// </summary>
public sealed class ConversationTypedTests : IAsyncLifetime
{
    private const string Ana = "aad-ana-0001";
    private const string Tito = "aad-tito-0002";
    private TeamsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await TeamsHost.StartAsync();
        await _host.PersonAsync("Ana Pérez", Ana);
        await _host.PersonAsync("Tito López", Tito, Role.Technician);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TypedYes_AfterAProposal_OpensThatTicketOnce_AndTheCardsButtonThenShowsIt()
    {
        var proposal = await SayAsync(Ana, "mi impresora no imprime");
        Assert.Contains("¿Abro un ticket?", proposal.CardJson, StringComparison.Ordinal);
        Assert.Contains("responda «sí» o «no»", proposal.CardJson, StringComparison.Ordinal);

        var opened = await SayAsync(Ana, "Sí");

        Assert.Contains("Se abrió su ticket UI-2026-00001", opened.CardJson, StringComparison.Ordinal);
        var request = await _host.DbAsync(db => db.Requests.SingleAsync());
        Assert.Equal(("DS-UI-04", "mi impresora no imprime"), (request.ProcedureCode, request.Title));
        var button = JsonNode.Parse(proposal.CardJson)!["actions"]![0]!["data"]!.AsObject();
        var pressed = await _host.InvokeAsync(_host.Execute(Ana, "abrirTicket", button));
        Assert.Contains("ya se abrió: es el UI-2026-00001", pressed.ToJsonString(ConnectorCall.Readable), StringComparison.Ordinal);
        var again = await SayAsync(Ana, "si");
        Assert.Contains("No tengo nada pendiente de confirmar", again.Text, StringComparison.Ordinal);
        Assert.Equal(1, await _host.DbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task TypedYes_GuatemalanVariants_EachConfirmsItsOwnProposal()
    {
        string[] variants = ["dale", "simón", "de una", "va pues", "ok 👍", "sí, por favor", "claro que si", "órale"];
        foreach (var (yes, i) in variants.Select((v, i) => (v, i)))
        {
            await SayAsync(Ana, $"problema número {i + 1} con la computadora");
            var opened = await SayAsync(Ana, yes);
            Assert.Contains($"Se abrió su ticket UI-2026-{i + 1:00000}", opened.CardJson, StringComparison.Ordinal);
        }

        var titles = await _host.DbAsync(db => db.Requests.OrderBy(r => r.Id).Select(r => r.Title).ToListAsync());
        Assert.Equal(variants.Select((_, i) => $"problema número {i + 1} con la computadora"), titles);
    }

    [Fact]
    public async Task TypedYes_AfterARestart_StillOpensTheProposedTicket()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sosepbot-teams-proposal", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={Path.Combine(directory, "bot.db")}" };
        await using var connector = await FakeBotConnector.StartAsync(); // outlives both services
        await using (var before = await TeamsHost.StartAsync(settings))
        {
            await before.PersonAsync("Ana Pérez", Ana);
            var problem = before.Message(Ana, "la impresora del segundo nivel no imprime", "antes-de-reiniciar");
            problem["serviceUrl"] = connector.ServiceUrl;
            Assert.Equal(HttpStatusCode.OK, (await before.PostAsync(problem, before.Token(connector.ServiceUrl))).StatusCode);
        }

        // Stored when accepted: proposed before the stop, or at the next start if the stop came first.
        await using var after = await TeamsHost.StartAsync(settings);
        var yes = after.Message(Ana, "simón", "despues-de-reiniciar");
        yes["serviceUrl"] = connector.ServiceUrl;
        Assert.Equal(HttpStatusCode.OK, (await after.PostAsync(yes, after.Token(connector.ServiceUrl))).StatusCode);

        var proposal = await connector.WaitForPostAsync(p => p.Path.EndsWith("/antes-de-reiniciar", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var opened = await connector.WaitForPostAsync(p => p.Path.EndsWith("/despues-de-reiniciar", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Contains("¿Abro un ticket?", proposal.CardJson, StringComparison.Ordinal);
        Assert.Contains("Se abrió su ticket UI-2026-00001", opened.CardJson, StringComparison.Ordinal);
        Assert.Equal("la impresora del segundo nivel no imprime", await after.DbAsync(db => db.Requests.Select(r => r.Title).SingleAsync()));
    }

    [Theory]
    [InlineData("no")]
    [InlineData("nel")]
    [InlineData("No, gracias")]
    public async Task TypedNo_AfterAProposal_DropsIt_AndALaterYesOpensNothing(string no)
    {
        await SayAsync(Ana, "la computadora no enciende");

        var declined = await SayAsync(Ana, no);
        var yes = await SayAsync(Ana, "sí");

        Assert.Contains("no abro ningún ticket", declined.Text, StringComparison.Ordinal);
        Assert.Contains("No tengo nada pendiente de confirmar", yes.Text, StringComparison.Ordinal);
        Assert.Equal(0, await _host.DbAsync(db => db.Requests.CountAsync()));
    }

    [Theory]
    [InlineData("muchas gracias 🙏")]
    [InlineData("ok, gracias")]
    public async Task Thanks_AfterAProposal_AnswersShortly_OpensNothing_AndKeepsItPending(string thanksText)
    {
        await SayAsync(Ana, "no tengo acceso a la red");

        var thanks = await SayAsync(Ana, thanksText);
        Assert.Equal(0, await _host.DbAsync(db => db.Requests.CountAsync()));
        var opened = await SayAsync(Ana, "si");

        Assert.Equal("¡Con mucho gusto! Si quiere que abra el ticket, responda «sí»; si no, «no».", thanks.Text);
        Assert.Null(thanks.Body!["attachments"]);
        Assert.Contains("Se abrió su ticket UI-2026-00001", opened.CardJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypedYes_AfterTheProposalExpired_OpensNothing()
    {
        await SayAsync(Ana, "el teclado no escribe la letra ñ");
        _host.Factory.Time.Advance(TimeSpan.FromMinutes(16));

        var yes = await SayAsync(Ana, "dale");

        Assert.Contains("No tengo nada pendiente de confirmar", yes.Text, StringComparison.Ordinal);
        Assert.Equal(0, await _host.DbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task TypedYes_AfterAnotherQuestion_OpensNothing()
    {
        await SayAsync(Ana, "el monitor parpadea mucho");
        await SayAsync(Ana, "mis solicitudes");

        var yes = await SayAsync(Ana, "ok");

        Assert.Contains("No tengo nada pendiente de confirmar", yes.Text, StringComparison.Ordinal);
        Assert.Equal(0, await _host.DbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task TypedYes_AfterTheCardsNoButton_OpensNothing()
    {
        await SayAsync(Ana, "el escáner no digitaliza");
        await _host.InvokeAsync(_host.Execute(Ana, "cancelar", []));

        var yes = await SayAsync(Ana, "sí");

        Assert.Contains("No tengo nada pendiente de confirmar", yes.Text, StringComparison.Ordinal);
        Assert.Equal(0, await _host.DbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task TypedYes_InAnotherPersonsChat_DoesNotOpenTheirProposal()
    {
        await SayAsync(Ana, "la impresora hace un ruido extraño");

        var yes = await SayAsync(Tito, "sí");

        Assert.Contains("No tengo nada pendiente de confirmar", yes.Text, StringComparison.Ordinal);
        Assert.Equal(0, await _host.DbAsync(db => db.Requests.CountAsync()));
    }

    [Theory]
    [InlineData("¿cómo va mi solicitud?")]
    [InlineData("estado de mi ticket")]
    [InlineData("ya resolvieron lo mío?")]
    public async Task StatusQuestion_ListsTheOpenRequests_NeverProposesATicket(string question)
    {
        await OpenAsync("la impresora no imprime nada");
        await OpenAsync("el monitor parpadea");

        var answer = await SayAsync(Ana, question);

        Assert.Contains("Sus solicitudes abiertas", answer.CardJson, StringComparison.Ordinal);
        Assert.Contains("UI-2026-00001", answer.CardJson, StringComparison.Ordinal);
        Assert.Contains("UI-2026-00002", answer.CardJson, StringComparison.Ordinal);
        Assert.DoesNotContain("¿Abro un ticket?", answer.CardJson, StringComparison.Ordinal);
        Assert.Equal(2, await _host.DbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task StatusQuestion_NamingOneRequest_ShowsThatOne()
    {
        await OpenAsync("la impresora no imprime nada");
        await OpenAsync("el monitor parpadea");

        var answer = await SayAsync(Ana, "qué pasó con lo de la impresora");

        Assert.Contains("Su solicitud UI-2026-00001 está en «Abierto».", answer.CardJson, StringComparison.Ordinal);
        Assert.DoesNotContain("UI-2026-00002", answer.CardJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusQuestion_NothingOpen_SaysSoAndOpensNothing()
    {
        var answer = await SayAsync(Ana, "como va mi solicitud");

        Assert.Contains("No tiene solicitudes abiertas.", answer.CardJson, StringComparison.Ordinal);
        Assert.DoesNotContain("¿Abro un ticket?", answer.CardJson, StringComparison.Ordinal);
        var yes = await SayAsync(Ana, "sí");
        Assert.Contains("No tengo nada pendiente de confirmar", yes.Text, StringComparison.Ordinal);
        Assert.Equal(0, await _host.DbAsync(db => db.Requests.CountAsync()));
    }

    [Theory]
    [InlineData("hola", "¡Hola, Ana!")]
    [InlineData("Buenos días", "¡Buenos días, Ana!")]
    [InlineData("buenas", "¡Hola, Ana!")]
    [InlineData("buenas tardes licenciada", "¡Buenas tardes, Ana!")]
    public async Task Greeting_IsAnsweredBriefly_WithoutTheMenu(string greeting, string answer)
    {
        var reply = await SayAsync(Ana, greeting);

        Assert.StartsWith(answer + " ¿En qué le puedo ayudar?", reply.Text, StringComparison.Ordinal);
        Assert.Null(reply.Body!["attachments"]);
        Assert.True(reply.Text.Length < 200, reply.Text);
    }

    [Fact]
    public async Task NotUnderstood_IsShortWithTwoSuggestions_NotTheWholeHelp()
    {
        var reply = await SayAsync(Ana, "xyz");

        Assert.Equal(
            "No entendí «xyz». Puede describirme su problema con sus palabras (p. ej. «mi impresora no imprime») o escribir «menú» para ver los formularios. «ayuda» muestra todo lo que puedo hacer.",
            reply.Text);
        Assert.Null(reply.Body!["attachments"]);
    }

    [Fact]
    public async Task Help_ForAnEmployee_LeavesOutStaffCommands_ForATechnicianShowsThem()
    {
        var employee = await SayAsync(Ana, "ayuda");
        var technician = await SayAsync(Tito, "ayuda");

        foreach (var staffOnly in new[] { "**pendientes**", "**cuarentena**", "**no entregados**" })
        {
            Assert.DoesNotContain(staffOnly, employee.Text, StringComparison.Ordinal);
            Assert.Contains(staffOnly, technician.Text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Correo en cuarentena", employee.CardJson, StringComparison.Ordinal);
        Assert.Contains("**mis solicitudes**", employee.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Welcome_ForAnEmployee_LeavesOutStaffCommands()
    {
        var update = _host.Activity("conversationUpdate", Ana, "bienvenida", a => a["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:" + TeamsHost.AppId }));
        await _host.PostAsync(update);

        var welcome = await _host.Connector.WaitForPostAsync(p => p.Text.Contains("¡Hola, Ana Pérez!", StringComparison.Ordinal));

        Assert.DoesNotContain("cuarentena", welcome.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("pendientes", welcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TicketCard_OneLineMessage_IsNotRepeatedAsTitleAndDescription()
    {
        await SayAsync(Ana, "mi impresora no imprime");
        var opened = await SayAsync(Ana, "sí");

        Assert.Single(Occurrences(opened.CardJson, "mi impresora no imprime"));
    }

    [Fact]
    public async Task TicketCard_SeveralLines_ShowsTheFirstAsTitleAndOnlyTheRestBelow()
    {
        await SayAsync(Ana, "la impresora no imprime\nsale una luz roja parpadeando");
        var opened = await SayAsync(Ana, "sí");

        Assert.Single(Occurrences(opened.CardJson, "la impresora no imprime"));
        Assert.Contains("sale una luz roja parpadeando", opened.CardJson, StringComparison.Ordinal);
        var description = await _host.DbAsync(db => db.Requests.Select(r => r.Description).SingleAsync());
        Assert.Equal("la impresora no imprime\nsale una luz roja parpadeando", description);
    }

    [Fact]
    public async Task HundredThousandCharacters_OneWord_QuotedUpTo80()
    {
        var reply = await SayAsync(Ana, new string('x', 100_000));

        Assert.StartsWith($"No entendí «{new string('x', 80)}…».", reply.Text, StringComparison.Ordinal);
        Assert.True(reply.Body!.ToJsonString().Length < 1_000, $"The reply has {reply.Body.ToJsonString().Length} characters.");
    }

    [Fact]
    public async Task HundredThousandCharacters_InWords_ProposalIsSmall_TicketKeepsTheFirst8000()
    {
        var text = string.Concat(Enumerable.Repeat("la impresora no imprime y ", 4_000));

        var proposal = await SayAsync(Ana, text);

        Assert.True(proposal.Body!.ToJsonString().Length < 3_000, $"The proposal has {proposal.Body.ToJsonString().Length} characters.");
        Assert.Contains("el ticket guardará los primeros 8,000", proposal.CardJson, StringComparison.Ordinal);
        var opened = await SayAsync(Ana, "sí");
        Assert.Contains("Se abrió su ticket UI-2026-00001", opened.CardJson, StringComparison.Ordinal);
        Assert.Equal(8_000, await _host.DbAsync(db => db.Requests.Select(r => r.Description!.Length).SingleAsync()));
    }

    /// <summary>Opens a ticket as a person would: describes the problem and answers «sí».</summary>
    private async Task OpenAsync(string problem)
    {
        await SayAsync(Ana, problem);
        var opened = await SayAsync(Ana, "sí");
        Assert.Contains("Se abrió su ticket", opened.CardJson, StringComparison.Ordinal);
    }

    /// <summary>Types a message in the person's chat, a second after the last one, and returns the bot's reply to it.</summary>
    private async Task<ConnectorCall> SayAsync(string aad, string text)
    {
        // Past Teams' 7 calls a second per conversation, the service's limiter would wait for its (fake) clock.
        _host.Factory.Time.Advance(TimeSpan.FromSeconds(1));
        var id = _host.NextId();
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync(_host.Message(aad, text, id))).StatusCode);
        return await _host.Connector.WaitForPostAsync(p => p.Path.EndsWith("/activities/" + id, StringComparison.Ordinal));
    }

    private static IEnumerable<int> Occurrences(string text, string part)
    {
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            yield return at;
        }
    }
}
