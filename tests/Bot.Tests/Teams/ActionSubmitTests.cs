using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Bot.Tests.Fakes;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using static SosepBot.Bot.Tests.Teams.WorkCardJson;

namespace SosepBot.Bot.Tests.Teams;

/// <summary>
/// Action.Submit, the fallback of every Action.Execute for clients without Universal Actions: a message whose value
/// is the card's data with its inputs. The bot acts as for the invoke and replaces the pressed card in place
/// (update activity on the connector), or posts the card when the update is refused.
/// </summary>
public sealed class ActionSubmitTests : IAsyncLifetime
{
    private const string Ana = "aad-ana-0201";
    private const string Tito = "aad-tito-0202";
    private const string Dora = "aad-dora-0203";
    private const string PressedCard = "tarjeta-pulsada-7";
    private TeamsHost _host = null!;
    private Person _ana = null!;
    private Person _tito = null!;

    public async Task InitializeAsync()
    {
        _host = await TeamsHost.StartAsync();
        _ana = await _host.PersonAsync("Ana Pérez", Ana);
        _tito = await _host.PersonAsync("Tito López", Tito, Role.Technician);
        await _host.PersonAsync("Dora Méndez", Dora, Role.UnitDirector);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Submit_WorkAction_FiresItAndReplacesThePressedCard()
    {
        var number = await OpenTicketAsync("el escáner no digitaliza");
        var take = Data(await _host.InvokeAsync(_host.Execute(Tito, "ver", new JsonObject { ["number"] = number })), "tomar");

        await _host.PostAsync(Submit(Tito, take));

        var update = await UpdateAsync(Tito);
        Assert.Contains($"Listo: Tomar el ticket. La solicitud {number} está ahora en «En atención»", update.CardJson, StringComparison.Ordinal);
        Assert.Equal(PressedCard, update.Body!["id"]!.GetValue<string>());
        Assert.StartsWith("Bearer token-del-bot-", update.Authorization, StringComparison.Ordinal);
        var request = await _host.DbAsync(db => db.Requests.SingleAsync());
        Assert.Equal(("En atención", _tito.Id), (request.State, request.AssigneeId));
        await Task.Delay(300);
        Assert.Empty(_host.Connector.Posted); // replaced, not posted again
    }

    [Fact]
    public async Task Submit_ForgedWorkActionFromTheRequester_IsRefusedInTheCardAndNothingChanges()
    {
        var number = await OpenTicketAsync("no funciona el correo institucional");
        var take = Data(await _host.InvokeAsync(_host.Execute(Tito, "ver", new JsonObject { ["number"] = number })), "tomar");

        await _host.PostAsync(Submit(Ana, take));

        var update = await UpdateAsync(Ana);
        Assert.Contains("⚠️ No tiene permiso para «Tomar el ticket»", update.CardJson, StringComparison.Ordinal);
        var request = await _host.DbAsync(db => db.Requests.SingleAsync());
        Assert.Equal(("Abierto", (long?)null), (request.State, request.AssigneeId));
    }

    [Fact]
    public async Task Submit_FormWithWrongCuiThenRightThenAgain_RefusedKeepingWhatWasTypedThenOpenedOnce()
    {
        var form = await _host.InvokeAsync(_host.Execute(Dora, "formulario", new JsonObject { ["procedure"] = "DS-UI-07" }));
        var data = Filled(form["actions"]![0]!["data"]!.AsObject(), cui: "2470945610101");

        await _host.PostAsync(Submit(Dora, data));
        var refused = await UpdateAsync(Dora);
        Assert.Contains("El CUI no es válido: el dígito verificador no corresponde.", refused.CardJson, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"2470945610101\"", refused.CardJson, StringComparison.Ordinal);
        Assert.Equal(0, await _host.DbAsync(db => db.Requests.CountAsync()));

        var right = Filled(data, cui: "2470945600101");
        await _host.PostAsync(Submit(Dora, right));
        var opened = await UpdateAsync(Dora, c => c.CardJson.Contains("Se abrió su solicitud", StringComparison.Ordinal));
        await _host.PostAsync(Submit(Dora, right));
        var again = await UpdateAsync(Dora, c => c.CardJson.Contains("ya se envió", StringComparison.Ordinal));

        Assert.Contains("Se abrió su solicitud UI-2026-00001", opened.CardJson, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Procedimiento\",\"value\":\"DS-UI-07", opened.CardJson, StringComparison.Ordinal); // the request's card, read after the commit
        Assert.Contains("Este formulario ya se envió: es la solicitud UI-2026-00001.", again.CardJson, StringComparison.Ordinal);
        var request = await _host.DbAsync(db => db.Requests.SingleAsync());
        Assert.Equal(("DS-UI-07", "2470945600101"), (request.ProcedureCode, request.Form.Cui));
    }

    [Fact]
    public async Task Submit_UpdateRefusedByTeams_TheCardIsPostedAsAReply()
    {
        var number = await OpenTicketAsync("la pantalla se ve amarilla");
        _host.Connector.Refuse = (method, _) => method == "PUT" ? 400 : null;
        var submit = Submit(Ana, new JsonObject { ["verb"] = "ver", ["number"] = number });

        await _host.PostAsync(submit);

        var reply = await _host.Connector.WaitForPostAsync(p => p.CardJson.Contains(number, StringComparison.Ordinal));
        Assert.Equal($"/v3/conversations/a:conv-{Ana}/activities/{submit["id"]}", reply.Path);
        Assert.Single(_host.Connector.Calls, c => c.Method == "PUT" && c.Status == 400);
    }

    [Fact]
    public async Task Submit_WithoutThePressedCardsId_IsAnsweredWithANewCard()
    {
        var submit = Submit(Ana, new JsonObject { ["verb"] = "misSolicitudes" });
        submit.Remove("replyToId");

        await _host.PostAsync(submit);

        var reply = await _host.Connector.WaitForPostAsync(p => p.CardJson.Contains("Mis solicitudes", StringComparison.Ordinal));
        Assert.Equal($"/v3/conversations/a:conv-{Ana}/activities/{submit["id"]}", reply.Path);
        Assert.DoesNotContain(_host.Connector.Calls, c => c.Method == "PUT");
    }

    [Fact]
    public async Task Cards_EveryUniversalAction_FallsBackToAnActionSubmitWithTheSameData()
    {
        var number = await OpenTicketAsync("el teléfono IP no tiene tono");
        var cards = new[]
        {
            await _host.InvokeAsync(_host.Execute(Tito, "menu", [])),
            await _host.InvokeAsync(_host.Execute(Tito, "ver", new JsonObject { ["number"] = number })),
            await _host.InvokeAsync(_host.Execute(Dora, "formulario", new JsonObject { ["procedure"] = "DS-UI-07" })),
        };

        var executes = cards.SelectMany(c => Find(c, "Action.Execute")).ToList();

        Assert.True(executes.Count >= 8, $"only {executes.Count} actions");
        Assert.All(executes, e =>
        {
            var fallback = e["fallback"]!.AsObject();
            Assert.Equal("Action.Submit", fallback["type"]!.GetValue<string>());
            Assert.Equal(e["title"]!.GetValue<string>(), fallback["title"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(e["data"], fallback["data"]), e.ToJsonString());
            Assert.Equal(e["verb"]!.GetValue<string>(), fallback["data"]!["verb"]!.GetValue<string>());
            Assert.Equal(e["associatedInputs"]?.GetValue<string>(), fallback["associatedInputs"]?.GetValue<string>());
        });
    }

    /// <summary>What Teams sends for an Action.Submit: a message (no text) whose value is the data with the inputs, replying to the card.</summary>
    private JsonObject Submit(string aad, JsonObject data) => _host.Activity("message", aad, null, a =>
    {
        a["value"] = data.DeepClone();
        a["replyToId"] = PressedCard;
    });

    private async Task<ConnectorCall> UpdateAsync(string aad, Func<ConnectorCall, bool>? match = null)
    {
        var path = $"/v3/conversations/a:conv-{aad}/activities/{PressedCard}";
        ConnectorCall? found = null;
        await ChannelAuthenticationTests.WaitAsync(() =>
            (found = _host.Connector.Calls.LastOrDefault(c => c.Method == "PUT" && c.Path == path && c.Status == 200 && (match is null || match(c)))) is not null);
        return found!;
    }

    private async Task<string> OpenTicketAsync(string title)
    {
        await using var scope = _host.Factory.Services.CreateAsyncScope();
        var opened = await scope.ServiceProvider.GetRequiredService<RequestOpening>().OpenAsync(
            PeopleService.ActorOf(_ana, Channel.Teams)!, new NewRequest { ProcedureCode = ProcedureCodes.SoporteTecnico, Title = title }, default);
        return opened.Number;
    }

    private static IEnumerable<JsonObject> Find(JsonNode? node, string type) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == type => [o, .. o.SelectMany(p => Find(p.Value, type))],
        JsonObject o => o.SelectMany(p => Find(p.Value, type)),
        JsonArray a => a.SelectMany(c => Find(c, type)),
        _ => [],
    };

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
