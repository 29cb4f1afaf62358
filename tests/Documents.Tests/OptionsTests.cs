using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SosepBot.Documents.Imaging;

namespace SosepBot.Documents.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void AddSosepDocuments_FontFamilyNotInstalled_FailsNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Documents:FontFamily"] = "Comic Sans Inexistente",
        }).Build();
        using var services = new ServiceCollection().AddSosepDocuments(configuration).BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DocumentOptions>>().Value);

        Assert.Contains("Documents:FontFamily", e.Message, StringComparison.Ordinal);
        Assert.Contains("fonts-liberation2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSosepDocuments_DejaVuFromItsDirectory_IsAccepted()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Documents:FontFamily"] = "DejaVu Sans",
            ["Documents:FontDirectories:0"] = "/usr/share/fonts/truetype/dejavu",
        }).Build();
        using var services = new ServiceCollection().AddSosepDocuments(configuration).BuildServiceProvider();

        Assert.Equal("DejaVu Sans", services.GetRequiredService<IOptions<DocumentOptions>>().Value.FontFamily);
    }

    [Fact]
    public void Probe_JpegPngAndOther_ReadsTheSizeFromTheHeaders()
    {
        Assert.Equal(new ImageFormatInfo(ImageFormat.Jpeg, 320, 240), ImageProbe.Probe(TestImages.Jpeg(320, 240, 1)));
        var turned = ImageProbe.Probe(TestImages.WithExifOrientation(TestImages.Jpeg(320, 240, 1), 6));
        Assert.Equal(new ImageFormatInfo(ImageFormat.Jpeg, 320, 240, 6), turned);
        Assert.Equal((240, 320), (turned!.DisplayWidth, turned.DisplayHeight));
        Assert.Equal(8, ImageProbe.Probe(TestImages.WithExifOrientation(TestImages.Jpeg(320, 240, 1), 8, littleEndian: true))!.Orientation);
        Assert.Equal(new ImageFormatInfo(ImageFormat.Png, 31, 17), ImageProbe.Probe(TestImages.Png(31, 17, 2)));
        Assert.Null(ImageProbe.Probe("RIFF\0\0\0\0WEBPVP8 "u8));
    }
}
