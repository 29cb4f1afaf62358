using System.IO.Compression;
using System.Text.Json.Nodes;
using SosepBot.Bot.Cli;
using SosepBot.Bot.Teams.Manifest;

namespace SosepBot.Bot.Tests.Teams;

public sealed class TeamsManifestTests
{
    private const string AppId = "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f";

    [Fact]
    public async Task TeamsManifest_WithAppId_ZipsManifestAndIcons()
    {
        var output = Path.Combine(Path.GetTempPath(), "sosepbot-manifest", Guid.NewGuid().ToString("N"), "sosepbot.zip");
        var stdout = new StringWriter();

        var code = await SosepCli.RunAsync(["teams-manifest", "--out", output, "--Teams:AppId", AppId], stdout, new StringWriter());

        Assert.Equal(0, code);
        using var zip = ZipFile.OpenRead(output);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.Name).Order());
        await using var stream = zip.GetEntry("manifest.json")!.Open();
        var manifest = JsonNode.Parse(stream)!;
        Assert.Equal(AppId, manifest["id"]!.GetValue<string>());
        Assert.Equal(AppId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal("personal", manifest["bots"]![0]!["scopes"]![0]!.GetValue<string>());
        Assert.Contains("mis solicitudes", manifest.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal((192, 192), Size(zip, "color.png"));
        Assert.Equal((32, 32), Size(zip, "outline.png"));
    }

    [Fact]
    public async Task TeamsManifest_WithoutAppId_SaysWhichSettingIsMissing()
    {
        var stderr = new StringWriter();

        var code = await SosepCli.RunAsync(["teams-manifest", "--out", Path.Combine(Path.GetTempPath(), "x.zip"), "--Teams:AppId", ""], new StringWriter(), stderr);

        Assert.Equal(2, code);
        Assert.Contains("Teams:AppId", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Outline_IsWhiteOnTransparent()
    {
        var png = PngIcon.Outline();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        Assert.Equal(6, png[25]); // colour type RGBA
    }

    private static (int, int) Size(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        var header = new byte[24];
        stream.ReadExactly(header);
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
    }
}
