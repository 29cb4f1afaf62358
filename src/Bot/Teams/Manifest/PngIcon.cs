using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace SosepBot.Bot.Teams.Manifest;

/// <summary>The app's icons drawn in code and encoded as PNG (RGBA): a 192×192 colour icon and a 32×32 white outline.</summary>
public static class PngIcon
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>A white speech bubble with a check mark on the SOSEP blue, 192×192.</summary>
    public static byte[] Color() => Draw(192, (x, y) =>
    {
        var bubble = InBubble(x / 192.0, y / 192.0);
        var check = OnCheck(x / 192.0, y / 192.0, 0.035);
        return check ? (0x1F, 0x4E, 0x79, 255) : bubble ? (255, 255, 255, 255) : (0x1F, 0x4E, 0x79, 255);
    });

    /// <summary>The same bubble as a white outline on a transparent background, 32×32 (Teams' rule for outline icons).</summary>
    public static byte[] Outline() => Draw(32, (x, y) =>
    {
        var u = (x + 0.5) / 32.0;
        var v = (y + 0.5) / 32.0;
        var edge = InBubble(u, v) && !InBubble(0.5 + ((u - 0.5) * 1.2), 0.45 + ((v - 0.45) * 1.2));
        return edge || OnCheck(u, v, 0.05) ? (255, 255, 255, 255) : (0, 0, 0, 0);
    });

    private static bool InBubble(double u, double v)
    {
        var dx = (u - 0.5) / 0.36;
        var dy = (v - 0.45) / 0.28;
        var tail = v > 0.62 && v < 0.85 && u > 0.3 && u < 0.45 && (u - 0.3) < (0.85 - v) * 0.7;
        return (dx * dx) + (dy * dy) <= 1 || tail;
    }

    private static bool OnCheck(double u, double v, double width)
    {
        static double Distance(double px, double py, double ax, double ay, double bx, double by)
        {
            var t = Math.Clamp((((px - ax) * (bx - ax)) + ((py - ay) * (by - ay))) / (((bx - ax) * (bx - ax)) + ((by - ay) * (by - ay))), 0, 1);
            var cx = ax + (t * (bx - ax)) - px;
            var cy = ay + (t * (by - ay)) - py;
            return Math.Sqrt((cx * cx) + (cy * cy));
        }

        return Distance(u, v, 0.38, 0.45, 0.47, 0.54) < width || Distance(u, v, 0.47, 0.54, 0.63, 0.36) < width;
    }

    private static byte[] Draw(int size, Func<int, int, (int R, int G, int B, int A)> pixel)
    {
        var raw = new byte[size * ((size * 4) + 1)];
        for (var y = 0; y < size; y++)
        {
            var row = y * ((size * 4) + 1);
            raw[row] = 0; // filter: none
            for (var x = 0; x < size; x++)
            {
                var (r, g, b, a) = pixel(x, y);
                var i = row + 1 + (x * 4);
                raw[i] = (byte)r;
                raw[i + 1] = (byte)g;
                raw[i + 2] = (byte)b;
                raw[i + 3] = (byte)a;
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8; // bit depth
        header[9] = 6; // RGBA
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            Chunk(png, "IDAT", compressed.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        var crc = 0xFFFFFFFFu;
        foreach (var b in typeBytes.Concat(data))
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        BinaryPrimitives.WriteUInt32BigEndian(number, crc ^ 0xFFFFFFFFu);
        png.Write(number);
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
