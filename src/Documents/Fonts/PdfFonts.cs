using PdfSharp.Fonts;

namespace SosepBot.Documents.Fonts;

/// <summary>
/// PDFsharp's font resolver for Linux: every PDF uses the family <see cref="Family"/>, served from Debian's
/// TrueType files (PDFsharp's core build has no access to system fonts). Installed once per process.
/// </summary>
internal sealed class PdfFonts : IFontResolver
{
    /// <summary>The family name the renderers ask for.</summary>
    public const string Family = "SosepSans";

    private static readonly Lock Gate = new();
    private static PdfFonts? _installed;
    private readonly Dictionary<string, byte[]> _faces;

    private PdfFonts(FontFiles files)
    {
        Files = files;
        _faces = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["r"] = File.ReadAllBytes(files.Regular),
            ["b"] = File.ReadAllBytes(files.Bold),
            ["i"] = File.ReadAllBytes(files.Italic),
            ["bi"] = File.ReadAllBytes(files.BoldItalic),
        };
    }

    public FontFiles Files { get; }

    /// <summary>Installs the resolver for <paramref name="files"/> (the first family installed stays for the process).</summary>
    public static void Install(FontFiles files)
    {
        lock (Gate)
        {
            if (_installed is not null)
            {
                return;
            }

            _installed = new PdfFonts(files);
            GlobalFontSettings.FontResolver = _installed;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new((bold, italic) switch
        {
            (true, true) => "bi",
            (true, false) => "b",
            (false, true) => "i",
            _ => "r",
        });

    public byte[]? GetFont(string faceName) => _faces.GetValueOrDefault(faceName);
}
