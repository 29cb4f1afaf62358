using Microsoft.Extensions.Options;
using SosepBot.Bot.Cli;
using SosepBot.Bot.Hosting;
using SosepBot.Web;

if (SosepCli.IsCommand(args))
{
    return await SosepCli.RunAsync(args);
}

// scripts/sosep sets SOSEPBOT_CLI_ONLY: from there, anything but a command is refused and never starts the service.
if (await SosepCli.RefuseUnknownAsync(args, commandsOnly: Environment.GetEnvironmentVariable("SOSEPBOT_CLI_ONLY") == "1") is { } refused)
{
    return refused;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddSosepHost(builder.Configuration);
builder.Services.AddSosepWeb(builder.Configuration);
var app = builder.Build();
try
{
    await app.PrepareAsync();
}
catch (OptionsValidationException e)
{
    await Console.Error.WriteLineAsync("SosepBot no puede iniciar; revise la configuración:");
    foreach (var failure in e.Failures)
    {
        await Console.Error.WriteLineAsync($"  - {failure}");
    }

    return 2;
}
catch (InvalidOperationException e) when (e.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase))
{
    await Console.Error.WriteLineAsync($"SosepBot no puede iniciar; revise la configuración: {e.Message}");
    return 2;
}

app.UseSosepHost();
app.MapSosepWeb(bytes => new BodyLimits.BodyLimit(bytes));
await app.RunAsync();
return 0;

/// <summary>The host's entry point (public for the functional tests' WebApplicationFactory).</summary>
public partial class Program;
