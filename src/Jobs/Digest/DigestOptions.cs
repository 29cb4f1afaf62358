using System.ComponentModel.DataAnnotations;

namespace SosepBot.Jobs.Digest;

/// <summary>The IT director's digest. Section "Jobs:Digest".</summary>
public sealed class DigestOptions
{
    public const string SectionName = "Jobs:Digest";

    /// <summary>E-mail addresses of registered people; empty: everybody holding the IT director's role.</summary>
    public List<string> Recipients { get; } = [];

    /// <summary>Cron of the daily digest (offices' time zone); it is skipped on holidays.</summary>
    [Required(ErrorMessage = "Jobs:Digest:DailyCron is required.")]
    public string DailyCron { get; set; } = "0 7 * * 1-5";

    [Required(ErrorMessage = "Jobs:Digest:WeeklyCron is required.")]
    public string WeeklyCron { get; set; } = "30 7 * * 1";

    /// <summary>Visits in this many coming days are listed.</summary>
    [Range(1, 60, ErrorMessage = "Jobs:Digest:UpcomingVisitDays must be between 1 and 60.")]
    public int UpcomingVisitDays { get; set; } = 7;

    /// <summary>How many items each list shows.</summary>
    [Range(1, 100, ErrorMessage = "Jobs:Digest:ListSize must be between 1 and 100.")]
    public int ListSize { get; set; } = 10;
}
