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
}
