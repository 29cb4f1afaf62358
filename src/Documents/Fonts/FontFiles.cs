namespace SosepBot.Documents.Fonts;

/// <summary>The TrueType files of one family, found on disk.</summary>
internal sealed record FontFiles(string Family, string Regular, string Bold, string Italic, string BoldItalic)
{
    /// <summary>Looks for "Liberation Sans" as LiberationSans-Regular.ttf, -Bold, -Italic, -BoldItalic (or DejaVu's -Oblique names).</summary>
    public static FontFiles? Find(string family, IEnumerable<string> directories)
    {
        var stem = family.Replace(" ", string.Empty, StringComparison.Ordinal);
        var dirs = directories.Where(Directory.Exists).ToList();
        string? Pick(params string[] names) =>
            dirs.SelectMany(d => names.Select(n => Path.Combine(d, n + ".ttf"))).FirstOrDefault(File.Exists);

        var regular = Pick($"{stem}-Regular", stem);
        var bold = Pick($"{stem}-Bold");
        if (regular is null || bold is null)
        {
            return null;
        }

        var italic = Pick($"{stem}-Italic", $"{stem}-Oblique") ?? regular;
        var boldItalic = Pick($"{stem}-BoldItalic", $"{stem}-BoldOblique") ?? bold;
        return new FontFiles(family, regular, bold, italic, boldItalic);
    }
}
