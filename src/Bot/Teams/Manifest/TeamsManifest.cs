using System.IO.Compression;
using System.Text.Json;

namespace SosepBot.Bot.Teams.Manifest;

/// <summary>
/// Builds the Teams app package: manifests/manifest.template.json filled with the bot's app id, and the icons,
/// zipped and ready to upload to Teams (<c>dotnet run --project src/Bot -- teams-manifest --out sosepbot.zip</c>).
/// </summary>
public static class TeamsManifest
{
    public const string TemplateFile = "manifest.template.json";

    /// <summary>Writes the package; returns a Spanish error, or null when written.</summary>
    public static string? Write(string template, string appId, string version, TeamsManifestOptions pages, string output)
    {
        ArgumentNullException.ThrowIfNull(pages);
        if (!Guid.TryParse(appId, out _))
        {
            return $"El App ID del bot «{appId}» no es válido: Teams exige el identificador de la aplicación de Entra ID (un GUID). Indíquelo en Teams:AppId o con --app-id.";
        }

        if (new TeamsManifestOptionsValidator().Validate(null, pages) is { Failed: true } invalid)
        {
            return invalid.FailureMessage;
        }

        var manifest = template
            .Replace("{{APP_ID}}", appId.ToLowerInvariant(), StringComparison.Ordinal)
            .Replace("{{VERSION}}", version, StringComparison.Ordinal)
            .Replace("{{WEBSITE_URL}}", Json(pages.WebsiteUrl.Trim()), StringComparison.Ordinal)
            .Replace("{{PRIVACY_URL}}", Json(pages.EffectivePrivacyUrl), StringComparison.Ordinal)
            .Replace("{{TERMS_OF_USE_URL}}", Json(pages.EffectiveTermsOfUseUrl), StringComparison.Ordinal);
        using (JsonDocument.Parse(manifest))
        {
            // The filled template must still be JSON.
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(output));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using var file = File.Create(output);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        Add(zip, "manifest.json", System.Text.Encoding.UTF8.GetBytes(manifest));
        Add(zip, "color.png", PngIcon.Color());
        Add(zip, "outline.png", PngIcon.Outline());
        return null;
    }

    /// <summary>manifests/ of the checkout the command runs in (found by walking up to SosepBot.sln).</summary>
    public static string? FindTemplate()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "manifests", TemplateFile);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "manifests", TemplateFile);
        return File.Exists(beside) ? beside : null;
    }

    /// <summary>A value for inside a JSON string of the template (quotes and backslashes escaped).</summary>
    private static string Json(string value) => JsonSerializer.Serialize(value)[1..^1];

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        stream.Write(content);
    }
}
