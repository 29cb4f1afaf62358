using System.ComponentModel.DataAnnotations;

namespace SosepBot.Documents;

/// <summary>How the paperwork is produced. Section "Documents".</summary>
public sealed class DocumentOptions
{
    public const string SectionName = "Documents";

    /// <summary>Directories searched for the TrueType files of <see cref="FontFamily"/> (Debian's font packages by default).</summary>
    public List<string> FontDirectories { get; set; } = [];

    /// <summary>The family used in every PDF: "Liberation Sans" (fonts-liberation2) or "DejaVu Sans" (fonts-dejavu-core).</summary>
    [Required(ErrorMessage = "Documents:FontFamily is required (for example \"Liberation Sans\").")]
    public string FontFamily { get; set; } = "Liberation Sans";

    /// <summary>Name printed under the IT director's signature; empty = the one active person holding that role, else a blank line.</summary>
    public string? ItDirectorName { get; set; }

    /// <summary>Most photos put on the back of a dictamen.</summary>
    [Range(1, 100, ErrorMessage = "Documents:MaxPhotos must be between 1 and 100.")]
    public int MaxPhotos { get; set; } = 24;

    /// <summary>Most rows of an export.</summary>
    [Range(1, 100_000, ErrorMessage = "Documents:MaxExportRows must be between 1 and 100000.")]
    public int MaxExportRows { get; set; } = 5000;

    public static readonly IReadOnlyList<string> DefaultFontDirectories =
    [
        "/usr/share/fonts/truetype/liberation2",
        "/usr/share/fonts/truetype/liberation",
        "/usr/share/fonts/truetype/dejavu",
    ];

    public IReadOnlyList<string> EffectiveFontDirectories => FontDirectories.Count > 0 ? FontDirectories : DefaultFontDirectories;
}
