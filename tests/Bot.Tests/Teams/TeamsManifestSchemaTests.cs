using System.IO.Compression;
using System.Text.Json.Nodes;
using NJsonSchema;
using SosepBot.Bot.Cli;
using SosepBot.Bot.Teams.Manifest;

namespace SosepBot.Bot.Tests.Teams;

/// <summary>
/// The package written by <c>teams-manifest</c> against Microsoft's Teams app manifest schema v1.22 (the one the
/// template names; copied from npm @microsoft/app-manifest, see Schemas/README.md), and its configurable pages.
/// </summary>
public sealed class TeamsManifestSchemaTests
{
    private const string AppId = "0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d";
    private static readonly Lazy<Task<JsonSchema>> Schema = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Teams", "Schemas", "MicrosoftTeams.v1.22.schema.json")));

    [Fact]
    public async Task TeamsManifest_Generated_IsValidAgainstTheV122Schema()
    {
        var (code, manifest, _, stderr) = await GenerateAsync(
            "--Teams:Manifest:PrivacyUrl", "https://www.sosep.gob.gt/politica-de-privacidad",
            "--Teams:Manifest:TermsOfUseUrl", "https://www.sosep.gob.gt/terminos-de-uso");

        Assert.True(code == 0, stderr);
        var errors = (await Schema.Value).Validate(manifest!.ToJsonString());
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        Assert.Equal("1.22", manifest["manifestVersion"]!.GetValue<string>());
        Assert.Equal(
            ("https://www.sosep.gob.gt", "https://www.sosep.gob.gt/politica-de-privacidad", "https://www.sosep.gob.gt/terminos-de-uso"),
            (Str(manifest, "websiteUrl"), Str(manifest, "privacyUrl"), Str(manifest, "termsOfUseUrl")));
    }

    [Theory]
    [InlineData("privacyUrl", null)]
    [InlineData("termsOfUseUrl", "www.sosep.gob.gt/terminos")]
    [InlineData("websiteUrl", "{{WEBSITE}}")]
    public async Task SchemaValidation_DeveloperPageMissingOrNotAUrl_IsReported(string field, string? value)
    {
        var (_, manifest, _, _) = await GenerateAsync();
        var developer = manifest!["developer"]!.AsObject();
        developer.Remove(field);
        if (value is not null)
        {
            developer[field] = value;
        }

        var errors = (await Schema.Value).Validate(manifest.ToJsonString());

        Assert.NotEmpty(errors); // the check above can fail: the schema does hold the manifest to its rules
    }

    [Fact]
    public async Task TeamsManifest_PrivacyAndTermsNotSet_UseTheWebsiteAndSaySo()
    {
        var (code, manifest, stdout, _) = await GenerateAsync("--website", "https://informatica.sosep.gob.gt");

        Assert.Equal(0, code);
        Assert.Equal("https://informatica.sosep.gob.gt", Str(manifest!, "privacyUrl"));
        Assert.Equal("https://informatica.sosep.gob.gt", Str(manifest!, "termsOfUseUrl"));
        Assert.Contains("Aviso: Teams:Manifest:PrivacyUrl no está configurada", stdout, StringComparison.Ordinal);
        Assert.Contains("Aviso: Teams:Manifest:TermsOfUseUrl no está configurada", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamsManifest_PrivacyUrlNotHttps_IsRefusedNamingTheSetting()
    {
        var (code, manifest, _, stderr) = await GenerateAsync("--privacy-url", "http://www.sosep.gob.gt/privacidad");

        Assert.Equal(2, code);
        Assert.Null(manifest);
        Assert.Contains("Teams:Manifest:PrivacyUrl «http://www.sosep.gob.gt/privacidad» no es válido", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://www.sosep.gob.gt", "", "", null)]
    [InlineData("https://www.sosep.gob.gt", "https://www.sosep.gob.gt/p", "https://www.sosep.gob.gt/t", null)]
    [InlineData("", "https://www.sosep.gob.gt/p", null, "Falta Teams:Manifest:WebsiteUrl")]
    [InlineData("https://www.sosep.gob.gt", "www.sosep.gob.gt/privacidad", null, "Teams:Manifest:PrivacyUrl «www.sosep.gob.gt/privacidad» no es válido")]
    [InlineData("https://www.sosep.gob.gt", null, "ftp://www.sosep.gob.gt/terminos", "Teams:Manifest:TermsOfUseUrl «ftp://www.sosep.gob.gt/terminos» no es válido")]
    public void Options_EachPage_MustBeAnHttpsUrl(string website, string? privacy, string? terms, string? refusal)
    {
        var result = new TeamsManifestOptionsValidator().Validate(null, new TeamsManifestOptions { WebsiteUrl = website, PrivacyUrl = privacy, TermsOfUseUrl = terms });

        Assert.Equal(refusal is null, result.Succeeded);
        if (refusal is not null)
        {
            Assert.Contains(refusal, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    private static string Str(JsonNode manifest, string developerField) => manifest["developer"]![developerField]!.GetValue<string>();

    private static async Task<(int Code, JsonObject? Manifest, string Stdout, string Stderr)> GenerateAsync(params string[] extra)
    {
        var output = Path.Combine(Path.GetTempPath(), "sosepbot-manifest", Guid.NewGuid().ToString("N"), "sosepbot.zip");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await SosepCli.RunAsync(["teams-manifest", "--out", output, "--Teams:AppId", AppId, .. extra], stdout, stderr);
        if (!File.Exists(output))
        {
            return (code, null, stdout.ToString(), stderr.ToString());
        }

        using var zip = ZipFile.OpenRead(output);
        await using var stream = zip.GetEntry("manifest.json")!.Open();
        return (code, JsonNode.Parse(stream)!.AsObject(), stdout.ToString(), stderr.ToString());
    }
}
