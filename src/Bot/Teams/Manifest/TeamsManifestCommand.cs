using SosepBot.Bot.Cli;

namespace SosepBot.Bot.Teams.Manifest;

/// <summary>
/// <c>teams-manifest [--out sosepbot.zip] [--app-id GUID] [--website URL] [--privacy-url URL] [--terms-url URL]</c>: the
/// app id comes from --app-id or from the service's configuration (Teams:AppId in appsettings.json, the environment
/// variable Teams__AppId, or --Teams:AppId); the developer's pages from the options or Teams:Manifest.
/// </summary>
public static class TeamsManifestCommand
{
    public static async Task<int> RunAsync(CliArguments arguments, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. arguments.ConfigurationArgs])
            .Build();
        var appId = arguments.Option("app-id") ?? configuration["Teams:AppId"];
        if (string.IsNullOrWhiteSpace(appId))
        {
            await stderr.WriteLineAsync("Falta el App ID del bot: configure Teams:AppId (o la variable Teams__AppId) o use --app-id.");
            return 2;
        }

        var template = TeamsManifest.FindTemplate();
        if (template is null)
        {
            await stderr.WriteLineAsync($"No encontré manifests/{TeamsManifest.TemplateFile}; ejecute el comando dentro del repositorio.");
            return 1;
        }

        var output = arguments.Option("out") ?? "sosepbot.zip";
        var pages = configuration.GetSection(TeamsManifestOptions.SectionName).Get<TeamsManifestOptions>() ?? new TeamsManifestOptions();
        pages.WebsiteUrl = arguments.Option("website") ?? pages.WebsiteUrl;
        pages.PrivacyUrl = arguments.Option("privacy-url") ?? pages.PrivacyUrl;
        pages.TermsOfUseUrl = arguments.Option("terms-url") ?? pages.TermsOfUseUrl;
        var error = TeamsManifest.Write(
            await File.ReadAllTextAsync(template),
            appId.Trim(),
            arguments.Option("version") ?? "1.0.0",
            pages,
            output);
        if (error is not null)
        {
            await stderr.WriteLineAsync(error);
            return 2;
        }

        foreach (var (setting, value) in new[] { ("PrivacyUrl", pages.PrivacyUrl), ("TermsOfUseUrl", pages.TermsOfUseUrl) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                await stdout.WriteLineAsync($"Aviso: {TeamsManifestOptions.SectionName}:{setting} no está configurada; el manifiesto usa el sitio {pages.WebsiteUrl}.");
            }
        }

        await stdout.WriteLineAsync($"Paquete de Teams escrito en {Path.GetFullPath(output)} (manifest.json, color.png 192×192, outline.png 32×32). Súbalo en Teams: Aplicaciones → Administrar sus aplicaciones → Cargar una aplicación.");
        return 0;
    }
}
