using System.ComponentModel.DataAnnotations;

namespace SosepBot.Jobs.Escalations;

/// <summary>
/// When an overdue step goes up the chain. Section "Jobs:Escalation". The step limits themselves come from
/// <c>TimeLimits</c> (per procedure and state).
/// </summary>
public sealed class EscalationOptions
{
    public const string SectionName = "Jobs:Escalation";

    /// <summary>Business hours after the deadline at which the head (InfraHead or DevHead) is told.</summary>
    [Range(0, 400, ErrorMessage = "Jobs:Escalation:HeadAfterBusinessHours must be between 0 and 400.")]
    public double HeadAfterBusinessHours { get; set; } = 8;

    /// <summary>Business hours after the deadline at which the IT director is told.</summary>
    [Range(0, 800, ErrorMessage = "Jobs:Escalation:DirectorAfterBusinessHours must be between 0 and 800.")]
    public double DirectorAfterBusinessHours { get; set; } = 16;
}
