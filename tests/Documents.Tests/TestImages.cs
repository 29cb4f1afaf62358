using SkiaSharp;

namespace SosepBot.Documents.Tests;

/// <summary>Real JPEG and PNG photos drawn with Skia (a coloured scene with shapes, different for each seed).</summary>
internal static class TestImages
{
    public static byte[] Jpeg(int width, int height, int seed, int quality = 85) => Encode(width, height, seed, SKEncodedImageFormat.Jpeg, quality);

    public static byte[] Png(int width, int height, int seed) => Encode(width, height, seed, SKEncodedImageFormat.Png, 100);

    private static byte[] Encode(int width, int height, int seed, SKEncodedImageFormat format, int quality)
    {
        var random = new Random(seed);
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        using (var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
            [new SKColor((byte)random.Next(256), (byte)random.Next(256), 200), new SKColor(30, (byte)random.Next(256), (byte)random.Next(256))],
            SKShaderTileMode.Clamp))
        using (var background = new SKPaint { Shader = shader })
        {
            canvas.DrawRect(0, 0, width, height, background);
        }

        using var paint = new SKPaint { IsAntialias = true };
        for (var i = 0; i < 12; i++)
        {
            paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), 200);
            canvas.DrawCircle(random.Next(width), random.Next(height), random.Next(width / 10, width / 4), paint);
        }

        paint.Color = SKColors.Black;
        paint.StrokeWidth = Math.Max(2, width / 200f);
        paint.Style = SKPaintStyle.Stroke;
        canvas.DrawRect(width * 0.2f, height * 0.25f, width * 0.6f, height * 0.45f, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>A JPEG whose left half is red and right half blue: where each colour ends up shows how it was turned.</summary>
    public static byte[] RedLeftBlueRight(int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        using (var red = new SKPaint { Color = new SKColor(230, 20, 20) })
        using (var blue = new SKPaint { Color = new SKColor(20, 20, 230) })
        {
            surface.Canvas.DrawRect(0, 0, width / 2f, height, red);
            surface.Canvas.DrawRect(width / 2f, 0, width / 2f, height, blue);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 95);
        return data.ToArray();
    }

    /// <summary>The JPEG with an APP1 Exif segment right after SOI holding only IFD0's Orientation tag, as phones write it.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, int orientation, bool littleEndian = false)
    {
        var tiff = new List<byte>();
        void U16(int v) => tiff.AddRange(littleEndian ? [(byte)v, (byte)(v >> 8)] : [(byte)(v >> 8), (byte)v]);
        void U32(int v) => tiff.AddRange(littleEndian
            ? [(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)]
            : [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
        tiff.AddRange(littleEndian ? "II"u8.ToArray() : "MM"u8.ToArray());
        U16(42);
        U32(8);
        U16(2); // two entries: an unrelated one first (ImageDescription), then Orientation
        U16(0x010E);
        U16(2);
        U32(4);
        tiff.AddRange("abc\0"u8.ToArray());
        U16(0x0112);
        U16(3);
        U32(1);
        U16(orientation);
        U16(0);
        U32(0);
        var body = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = body.Length + 2;
        return [.. jpeg[..2], 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. body, .. jpeg[2..]];
    }
}
