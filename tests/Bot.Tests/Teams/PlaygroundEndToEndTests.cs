using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SosepBot.Bot.Teams;
using SosepBot.Bot.Tests.Fakes;
using SosepBot.Core;
using SosepBot.Core.Notifications;
using SosepBot.Persistence;

namespace SosepBot.Bot.Tests.Teams;

/// <summary>
/// End to end with Microsoft's own Teams emulator: the service runs as a process in its local mode, and two Agents
/// Playgrounds stand for two Teams users (a staff member and a technician). Runs when scripts/test-env/30-teams.sh
/// installed the Playground (SOSEPBOT_TEST_PLAYGROUND); skipped otherwise.
/// </summary>
public sealed partial class PlaygroundEndToEndTests
{
    private const string AlexAad = "00000000-0000-0000-0000-0000000000020";
    private const string MeganAad = "00000000-0000-0000-0000-0000000000021";

    [SkippableFact]
    public async Task Playground_TicketByCardTakenResolvedAndNotified_AccountFormWithWrongCuiRefused()
    {
        Skip.If(AgentsPlayground.Cli is null, $"{AgentsPlayground.Variable} is not set (scripts/test-env/30-teams.sh installs the Agents Playground).");
        await using var bot = new BotProcess();
        Assert.Equal(0, await bot.CliAsync("people", "add", "--email", "alexw@example.com", "--name", "Alex Wilber", "--aad", AlexAad, "--roles", "UnitDirector"));
        Assert.Equal(0, await bot.CliAsync("people", "add", "--email", "meganb@example.com", "--name", "Megan Bowen", "--aad", MeganAad, "--roles", "Technician"));
        // The service's own outbox loop is off: the notices are run once, below, by the test (RunNoticesAsync), which
        // would otherwise race the loop for them.
        await bot.StartAsync("--Teams:AllowUnauthenticatedLocal", "true", "--Jobs:Delivery:Enabled", "false");
        var endpoint = $"http://127.0.0.1:{bot.Port}/api/messages";
        await using var alex = await AgentsPlayground.StartAsync(endpoint, "user-id-0", "Alex Wilber", "alexw@example.com", AlexAad, "conv-alex");
        await using var megan = await AgentsPlayground.StartAsync(endpoint, "user-id-1", "Megan Bowen", "meganb@example.com", MeganAad, "conv-megan");

        // Alex installs the bot, describes the problem, confirms on the card and gets the ticket's number.
        await alex.InstallAsync();
        await alex.WaitForAsync("¡Hola, Alex Wilber!");
        await alex.SayAsync("mi impresora no imprime");
        var confirm = await alex.WaitForAsync("¿Abro un ticket?");
        var opened = await alex.ExecuteAsync(Id(confirm), Action(confirm, "Sí, abrir el ticket"));
        var number = Number().Match(Text(opened)).Value;
        Assert.Contains($"Se abrió su ticket {number}", Text(opened), StringComparison.Ordinal);

        // Megan, a technician, finds it in her queue, takes it and resolves it from the work card.
        await megan.SayAsync("pendientes");
        var queue = await megan.WaitForAsync("Trabajo pendiente");
        Assert.Contains(number, Text(queue), StringComparison.Ordinal);
        var card = await megan.ExecuteAsync(Id(queue), new JsonObject { ["verb"] = "ver", ["number"] = number });
        var taken = await megan.ExecuteAsync(Id(queue), Action(card, "Tomar el ticket"));
        Assert.Contains("está ahora en «En atención»", Text(taken), StringComparison.Ordinal);
        var resolve = Action(taken, "Confirmar: Marcar como resuelto");
        resolve["text"] = "Se reinstaló el controlador de la impresora.";
        var resolved = await megan.ExecuteAsync(Id(queue), resolve);
        Assert.Contains("está ahora en «Resuelto»", Text(resolved), StringComparison.Ordinal);

        // The jobs' notifier and dispatcher (scheduled by the jobs issue) tell Alex in his chat.
        await RunNoticesAsync(bot);
        var notice = await alex.WaitForAsync($"[{number}] Su solicitud está en «Resuelto»");
        Assert.Contains("Se reinstaló el controlador de la impresora.", Text(notice), StringComparison.Ordinal);

        // A DS-UI-07 account request with a wrong CUI is refused in the card, keeping what was typed.
        var menu = await alex.WaitForAsync("Mesa de ayuda · Unidad de Informática");
        var form = await alex.ExecuteAsync(Id(menu), new JsonObject { ["verb"] = "formulario", ["procedure"] = "DS-UI-07" });
        var submit = Action(form, "Enviar solicitud");
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["changeKind"] = "Nuevo", ["firstNames"] = "Carla Sofía", ["lastNames"] = "Gómez Ruiz", ["cui"] = "2470945610101", ["nit"] = "1234567-9",
            ["jobTitle"] = "Trabajadora social", ["operationalUnit"] = "Hogares Comunitarios", ["directorOrHead"] = "Alex Wilber", ["internetAccess"] = "PaginasDeGobierno",
        })
        {
            submit[key] = value;
        }

        var refused = await alex.ExecuteAsync(Id(menu), submit);
        Assert.Contains("El CUI no es válido: el dígito verificador no corresponde.", Text(refused), StringComparison.Ordinal);
        Assert.Contains("\"value\":\"Carla Sofía\"", Text(refused), StringComparison.Ordinal);
        Assert.DoesNotContain("Se abrió su solicitud", Text(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_LocalModeListeningBeyondLoopback_Refuses()
    {
        await using var bot = new BotProcess();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = bot.WorkDirectory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "SosepBot.Bot.dll"), "--Urls", "http://0.0.0.0:0", "--Teams:AllowUnauthenticatedLocal", "true", "--Database:ConnectionString", bot.ConnectionString })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Teams:AllowUnauthenticatedLocal", await output, StringComparison.Ordinal);
    }

    private static async Task RunNoticesAsync(BotProcess bot)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = bot.Provider,
            ["Database:ConnectionString"] = bot.ConnectionString,
            ["Database:MigrateOnStart"] = "false",
            ["Attachments:Directory"] = bot.AttachmentsDirectory,
            ["Teams:AllowUnauthenticatedLocal"] = "true",
            ["urls"] = "http://127.0.0.1:1",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSosepCore();
        services.AddSosepPersistence();
        services.AddSosepTeams(configuration);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<RequestNotifier>().ProcessAsync(default) > 0);
        Assert.True(await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(default) > 0);
    }

    private static string Id(JsonObject message) => message["messageId"]!.ToString();

    private static string Text(JsonNode node) => node.ToJsonString(ConnectorCall.Readable);

    /// <summary>The data of the Action.Execute titled <paramref name="title"/> anywhere in the card (or message).</summary>
    private static JsonObject Action(JsonNode node, string title)
    {
        if (node is JsonObject o)
        {
            if (o["type"]?.GetValue<string>() == "Action.Execute" && o["title"]?.GetValue<string>() == title)
            {
                return o["data"]!.DeepClone().AsObject();
            }

            foreach (var (_, child) in o)
            {
                if (child is not null && TryAction(child, title) is { } found)
                {
                    return found;
                }
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a)
            {
                if (child is not null && TryAction(child, title) is { } found)
                {
                    return found;
                }
            }
        }

        throw new InvalidOperationException($"No action «{title}» in {Text(node)}");
    }

    private static JsonObject? TryAction(JsonNode node, string title)
    {
        try
        {
            return Action(node, title);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"UI-\d{4}-\d{5}")]
    private static partial Regex Number();
}
