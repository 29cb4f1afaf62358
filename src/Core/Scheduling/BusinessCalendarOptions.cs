using System.ComponentModel.DataAnnotations;

namespace SosepBot.Core.Scheduling;

/// <summary>
/// Business hours and days off used to compute time limits. Cross-field rules live in
/// <see cref="BusinessCalendarOptionsValidator"/>.
/// </summary>
public sealed class BusinessCalendarOptions
{
    /// <summary>Configuration section bound to this class.</summary>
    public const string SectionName = "BusinessCalendar";

    /// <summary>IANA (or Windows) time zone id of the offices.</summary>
    [Required(AllowEmptyStrings = false)]
    public string TimeZone { get; set; } = "America/Guatemala";

    /// <summary>Local opening time on business days.</summary>
    public TimeOnly WorkdayStart { get; set; } = new(8, 0);

    /// <summary>Local closing time on business days.</summary>
    public TimeOnly WorkdayEnd { get; set; } = new(16, 0);

    /// <summary>Local closing time on half days (Dec 24 and Dec 31).</summary>
    public TimeOnly HalfDayEnd { get; set; } = new(12, 0);

    /// <summary>Additional full days off (government "asuetos").</summary>
    public IList<ExtraHoliday> ExtraHolidays { get; } = [];

    /// <summary>
    /// Whether Aug 15 (Virgen de la Asunción, the local holiday of Guatemala City) is a day off.
    /// </summary>
    public bool IncludeAugust15 { get; set; } = true;
}
