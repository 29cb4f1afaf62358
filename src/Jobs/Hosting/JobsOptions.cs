using System.ComponentModel.DataAnnotations;

namespace SosepBot.Jobs.Hosting;

/// <summary>The scheduled half of the service. Section "Jobs".</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Run the Hangfire server and register the recurring jobs on this instance.</summary>
    public bool Enabled { get; set; } = true;

    public JobStorageKind Storage { get; set; } = JobStorageKind.Auto;

    /// <summary>Hangfire's SQL Server database; <c>Database:ConnectionString</c> when empty.</summary>
    public string? StorageConnectionString { get; set; }

    [Range(1, 20, ErrorMessage = "Jobs:WorkerCount must be between 1 and 20.")]
    public int WorkerCount { get; set; } = 2;

    /// <summary>How often this instance's Hangfire server looks for due recurring and delayed jobs (Hangfire's default: 15 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Jobs:SchedulePollingInterval must be between 00:00:01 and 00:10:00.")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Cron (offices' time zone) of the maintenance job: visits from plans, notices to units, reminders.</summary>
    [Required(ErrorMessage = "Jobs:MaintenanceCron is required.")]
    public string MaintenanceCron { get; set; } = "*/10 * * * *";

    [Required(ErrorMessage = "Jobs:EscalationCron is required.")]
    public string EscalationCron { get; set; } = "*/15 * * * *";

    /// <summary>Cron (offices' time zone) of the sweep of stored files no attachment names (left by rolled-back work).</summary>
    [Required(ErrorMessage = "Jobs:AttachmentSweepCron is required.")]
    public string AttachmentSweepCron { get; set; } = "40 2 * * *";

    /// <summary>When the channels' old copies of personal data are emptied (Retention:ChannelContent; daily, at night).</summary>
    [Required(ErrorMessage = "Jobs:RetentionCron is required.")]
    public string RetentionCron { get; set; } = "50 2 * * *";

    public DeliverySettings Delivery { get; set; } = new();

    public DashboardSettings Dashboard { get; set; } = new();

    /// <summary>The outbox loop: notices from request events, then delivery. Section "Jobs:Delivery".</summary>
    public sealed class DeliverySettings
    {
        public bool Enabled { get; set; } = true;

        /// <summary>Pause between two passes.</summary>
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
    }

    /// <summary>Hangfire's dashboard at /hangfire. Section "Jobs:Dashboard".</summary>
    public sealed class DashboardSettings
    {
        public bool Enabled { get; set; } = true;

        /// <summary>Only from 127.0.0.1/::1. Unset: on with the in-memory storage (the embedded default), off with SQL Server.</summary>
        public bool? LoopbackOnly { get; set; }
    }
}
