using SosepBot.Bot.Tests.Fakes;
using Xunit.Abstractions;

namespace SosepBot.Bot.Tests.Teams;

/// <summary>
/// The typed conversation through Microsoft's own Teams emulator, as an employee would have it: a greeting, a problem,
/// a typed «simón», a status question, thanks, a misunderstanding and a typed «nel». Runs when
/// scripts/test-env/30-teams.sh installed the Playground (SOSEPBOT_TEST_PLAYGROUND); skipped otherwise.
/// </summary>
public sealed class PlaygroundConversationTests(ITestOutputHelper output)
{
    private const string AlexAad = "00000000-0000-0000-0000-0000000000020";

    [SkippableFact]
    public async Task Playground_TypedConversation_GreetingTicketByTypedYesStatusThanksAndNo()
    {
        Skip.If(AgentsPlayground.Cli is null, $"{AgentsPlayground.Variable} is not set (scripts/test-env/30-teams.sh installs the Agents Playground).");
        await using var bot = new BotProcess();
        Assert.Equal(0, await bot.CliAsync("people", "add", "--email", "alexw@example.com", "--name", "Alex Wilber", "--aad", AlexAad));
        await bot.StartAsync("--Teams:AllowUnauthenticatedLocal", "true");
        await using var alex = await AgentsPlayground.StartAsync($"http://127.0.0.1:{bot.Port}/api/messages", "user-id-0", "Alex Wilber", "alexw@example.com", AlexAad, "conv-alex");

        await alex.InstallAsync();
        var welcome = await alex.WaitForAsync("¡Hola, Alex Wilber!");
        Assert.DoesNotContain("cuarentena", welcome["text"]!.ToString(), StringComparison.Ordinal);

        await alex.SayAsync("buenos días");
        await alex.WaitForAsync("¡Buenos días, Alex! ¿En qué le puedo ayudar?");

        await alex.SayAsync("mi impresora no imprime");
        await alex.WaitForAsync("¿Abro un ticket?");
        await alex.SayAsync("simón");
        await alex.WaitForAsync("Se abrió su ticket UI-2026-00001");

        await alex.SayAsync("¿cómo va mi solicitud?");
        await alex.WaitForAsync("Su solicitud UI-2026-00001 está en «Abierto».");

        await alex.SayAsync("muchas gracias");
        await alex.WaitForAsync("¡Con mucho gusto! Aquí estoy si necesita algo más.");

        await alex.SayAsync("xyz");
        var unknown = await alex.WaitForAsync("No entendí «xyz».");
        Assert.Null(unknown["attachments"]?.AsArray().FirstOrDefault());

        await alex.SayAsync("el monitor parpadea mucho");
        await alex.WaitForAsync("el monitor parpadea mucho»");
        await alex.SayAsync("nel");
        await alex.WaitForAsync("Está bien, no abro ningún ticket.");

        // The transcript as the Playground showed it (text, or the card's first line), for whoever reads the test's output.
        foreach (var message in alex.Messages)
        {
            var card = message["attachments"]?.AsArray().FirstOrDefault()?["content"]?["body"]?.AsArray();
            var first = card?.Select(b => b?["text"]?.ToString()).FirstOrDefault(t => !string.IsNullOrEmpty(t));
            output.WriteLine($"bot: {message["text"]}{(first is null ? string.Empty : $" [tarjeta: {first}]")}");
        }
    }
}
