using System.ComponentModel.DataAnnotations;

namespace SosepBot.Jobs.Maintenance;

/// <summary>DS-UI-03 reminders and visit deadlines. Section "Jobs:Maintenance".</summary>
public sealed class MaintenanceOptions
{
    public const string SectionName = "Jobs:Maintenance";

    /// <summary>The unit is reminded this many business days before its visit.</summary>
    [Range(0, 30, ErrorMessage = "Jobs:Maintenance:UnitReminderBusinessDays must be between 0 and 30.")]
    public int UnitReminderBusinessDays { get; set; } = 2;

    /// <summary>Local time of day at which reminders go out (the technician's on the visit's day).</summary>
    public TimeOnly ReminderTime { get; set; } = new(8, 0);

    /// <summary>A visit not recorded as done this many business hours after its date is escalated.</summary>
    [Range(0, 400, ErrorMessage = "Jobs:Maintenance:VisitGraceBusinessHours must be between 0 and 400.")]
    public double VisitGraceBusinessHours { get; set; } = 8;
}
