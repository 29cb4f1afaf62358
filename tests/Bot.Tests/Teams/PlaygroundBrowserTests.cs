using System.Text.Json.Nodes;
using SosepBot.Bot.Tests.Fakes;

namespace SosepBot.Bot.Tests.Teams;

/// <summary>
/// A smoke test through the Agents Playground's own web page in headless Chromium (Browser/playground-smoke.mjs with
/// playwright-core): a person types a problem in the compose box, presses "Sí, abrir el ticket" on the card the
/// bot answers with (an Action.Execute sent by the page) and reads the ticket's number. Runs when
/// scripts/test-env/30-teams.sh and 31-chromium.sh prepared the Playground, Chromium and playwright-core.
/// </summary>
public sealed class PlaygroundBrowserTests
{
    private const string Chromium = "SOSEPBOT_TEST_CHROMIUM";
    private const string Playwright = "SOSEPBOT_TEST_PLAYWRIGHT";
    private const string AlexAad = "00000000-0000-0000-0000-0000000000020";

    [SkippableFact]
    public async Task PlaygroundPage_ProblemTypedAndConfirmedOnTheCard_ShowsTheTicketNumber()
    {
        Skip.If(AgentsPlayground.Cli is null, $"{AgentsPlayground.Variable} is not set (scripts/test-env/30-teams.sh installs the Agents Playground).");
        Skip.If(Environment.GetEnvironmentVariable(Chromium) is null || Environment.GetEnvironmentVariable(Playwright) is null,
            $"{Chromium} / {Playwright} are not set (scripts/test-env/31-chromium.sh installs Chromium and playwright-core).");
        await using var bot = new BotProcess();
        Assert.Equal(0, await bot.CliAsync("people", "add", "--email", "alexw@example.com", "--name", "Alex Wilber", "--aad", AlexAad));
        await bot.StartAsync("--Teams:AllowUnauthenticatedLocal", "true");
        await using var playground = await AgentsPlayground.StartAsync(
            $"http://127.0.0.1:{bot.Port}/api/messages", "user-id-0", "Alex Wilber", "alexw@example.com", AlexAad, "conv-alex");

        var (exit, result) = await RunAsync(
            $"http://127.0.0.1:{playground.Port}/", "la impresora del segundo nivel no imprime", "¿Abro un ticket?", "Sí, abrir el ticket", "Se abrió su ticket UI-2026-");

        Assert.True(exit == 0 && result["ok"]!.GetValue<bool>(), $"{result.ToJsonString()}\n{bot.Output}");
        var page = result["text"]!.GetValue<string>();
        // The whole page on failure (Assert.Contains would show only a window of it).
        Assert.True(page.Contains("Se abrió su ticket UI-2026-00001", StringComparison.Ordinal), page);
        Assert.True(page.Contains("DS-UI-04 Soporte técnico", StringComparison.Ordinal), page); // the request's card, read from the service's database
        Assert.True(page.Contains("Microsoft 365 Agents Playground -> User Application invoke 200", StringComparison.Ordinal), page); // the page sent an Action.Execute
    }

    private static Task<(int Exit, JsonObject Result)> RunAsync(params string[] args) =>
        NodeScript.RunAsync(Path.Combine("Teams", "Browser", "playground-smoke.mjs"), TimeSpan.FromSeconds(150),
            [Environment.GetEnvironmentVariable(Playwright)!, Environment.GetEnvironmentVariable(Chromium)!, .. args]);
}
