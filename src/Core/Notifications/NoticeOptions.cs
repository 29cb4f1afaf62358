using System.ComponentModel.DataAnnotations;

namespace SosepBot.Core.Notifications;

/// <summary>Who is told what. Section "Notices".</summary>
public sealed class NoticeOptions
{
    public const string SectionName = "Notices";

    /// <summary>
    /// Replaces the parties a step waits on: procedure code → state → parties ("solicitante", "asignado" or a role,
    /// e.g. <c>"Notices:NextActors:DS-UI-04:Abierto:0": "InfraHead"</c>). Steps not named keep the parties derived
    /// from the procedure.
    /// </summary>
    public Dictionary<string, Dictionary<string, string[]>> NextActors { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a notice waits for a channel to reach its person before it is given up (dead letter).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00", ErrorMessage = "Notices:WaitForChannel must be between 1 minute and 365 days.")]
    public TimeSpan WaitForChannel { get; set; } = TimeSpan.FromDays(30);

    /// <summary>When the daily «Sus pendientes» summary is sent (cron, offices' time zone; business days only).</summary>
    public string SummaryCron { get; set; } = "0 7 * * 1-5";
}
