namespace SosepBot.Jobs.Hosting;

/// <summary>A recurring job as listed to IT staff: its schedule and, when known, its last and next runs.</summary>
/// <param name="Name">"resumen-diario".</param>
/// <param name="Description">What it does, in Spanish.</param>
/// <param name="Cron">Its schedule (offices' time zone).</param>
/// <param name="CronSetting">The setting the schedule comes from ("Jobs:Digest:DailyCron").</param>
/// <param name="CanResend">Whether an explicit resend applies (the digests).</param>
/// <param name="LastRun">The last scheduled run this process's Hangfire storage knows of (none with the in-memory storage of another process).</param>
/// <param name="LastState">That run's state ("Succeeded", "Failed"…).</param>
/// <param name="NextRun">The next scheduled run, when the storage knows it.</param>
/// <param name="LastSent">Digests: when the last one was sent, scheduled or on demand (from the application's own tables).</param>
public sealed record JobInfo(
    string Name,
    string Description,
    string Cron,
    string CronSetting,
    bool CanResend,
    DateTimeOffset? LastRun,
    string? LastState,
    DateTimeOffset? NextRun,
    DateTimeOffset? LastSent);
