using System.ComponentModel.DataAnnotations;

namespace SosepBot.Core.Attachments;

/// <summary>Where files are kept and what is accepted. Section "Attachments".</summary>
public sealed class AttachmentOptions
{
    public const string SectionName = "Attachments";

    [Required(ErrorMessage = "Attachments:Directory is required.")]
    public string Directory { get; set; } = "data/attachments";

    /// <summary>Largest accepted file, in bytes (default 10 MB).</summary>
    [Range(1, 1L << 31, ErrorMessage = "Attachments:MaxBytes must be between 1 and 2147483648.")]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Stored files that no attachment row names, older than this, are removed by the daily sweep (content written for
    /// a transaction that was then rolled back — a batch of mails, a refused upload). Default one day.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00", ErrorMessage = "Attachments:OrphanGrace must be between 01:00:00 and 90.00:00:00.")]
    public TimeSpan OrphanGrace { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Accepted content types; anything else is refused.</summary>
    public List<string> AllowedContentTypes { get; set; } = [];

    /// <summary>Used when the configuration names no types.</summary>
    public static readonly IReadOnlyList<string> DefaultContentTypes =
    [
        "application/pdf",
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "image/heic",
        "text/plain",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ];

    public IReadOnlyList<string> EffectiveContentTypes => AllowedContentTypes.Count > 0 ? AllowedContentTypes : DefaultContentTypes;
}
