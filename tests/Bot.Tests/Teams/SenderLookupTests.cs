using System.Net;
using System.Text.Json.Nodes;
using SosepBot.TestKit;

namespace SosepBot.Bot.Tests.Teams;

/// <summary>
/// The sender of an activity is read from the database once per turn: the receiver looks it up to tell a read-only turn
/// from a write turn, and a write turn's first attempt takes that answer instead of reading the person again.
/// </summary>
public sealed class SenderLookupTests : AnaHostTests
{
    [Fact]
    public async Task WriteTurn_FirstAttempt_ReadsTheSenderOnce()
    {
        using var watch = Watch(out var commands);
        await EfEvents.ListeningAsync();
        var submit = Host.Message(Ana, string.Empty);
        submit.Remove("text");
        submit["value"] = new JsonObject
        {
            ["verb"] = "enviarFormulario", ["procedure"] = "DS-UI-04", ["token"] = "lectura-unica",
            ["title"] = "La impresora del segundo nivel no imprime", ["description"] = "Desde esta mañana.",
        };

        Assert.Equal(HttpStatusCode.OK, (await Host.PostAsync(submit)).StatusCode);
        await Host.Connector.WaitForPostAsync(p => (p.Text + p.CardJson).Contains("UI-", StringComparison.Ordinal));

        Assert.Equal(1, SenderReads(commands));
    }

    [Fact]
    public async Task ReadOnlyTurn_ReadsTheSenderOnce()
    {
        using var watch = Watch(out var commands);
        await EfEvents.ListeningAsync();
        Assert.Equal(HttpStatusCode.OK, (await Host.PostAsync(Host.Message(Ana, "mis solicitudes"))).StatusCode);
        await Host.Connector.WaitForPostAsync(p => p.CardJson.Contains("Mis solicitudes", StringComparison.Ordinal));

        Assert.Equal(1, SenderReads(commands));
    }

    private CommandWatch Watch(out System.Collections.Concurrent.ConcurrentQueue<string> commands)
    {
        var texts = commands = new System.Collections.Concurrent.ConcurrentQueue<string>();
        return new CommandWatch(Host.Factory.ConnectionString) { Watch = c => texts.Enqueue(c.CommandText) };
    }

    /// <summary>Queries of the people by Entra object id (the sender's look-up).</summary>
    private static int SenderReads(IEnumerable<string> commands) =>
        commands.Count(c => c.Contains("FROM \"People\"", StringComparison.Ordinal) && c.Contains("\"AadObjectId\" =", StringComparison.Ordinal));
}
