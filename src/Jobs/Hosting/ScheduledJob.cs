using Hangfire.Common;

namespace SosepBot.Jobs.Hosting;

/// <summary>
/// One row of <see cref="ScheduledJobs"/>: the recurring job Hangfire registers under <see cref="Name"/>, the
/// setting its schedule comes from, and how to run it now (in a scope of the caller's) with a Spanish summary.
/// </summary>
public sealed class ScheduledJob
{
    internal ScheduledJob(Func<IServiceProvider, string> cronOf, Func<IServiceProvider, bool, CancellationToken, Task<JobRunResult>> runNow)
    {
        CronOf = cronOf;
        RunNow = runNow;
    }

    /// <summary>The recurring job's id, and the name the command line and the API use ("resumen-diario").</summary>
    public required string Name { get; init; }

    /// <summary>What it does, in Spanish.</summary>
    public required string Description { get; init; }

    /// <summary>The setting that holds its cron ("Jobs:Digest:DailyCron").</summary>
    public required string CronSetting { get; init; }

    /// <summary>What Hangfire calls on schedule.</summary>
    public required Job Recurring { get; init; }

    /// <summary>Sent once per day, so that running it again the same day is an explicit resend.</summary>
    public bool CanResend { get; init; }

    /// <summary>The <c>JobNotices</c> kind it records, for "last sent" (the digests).</summary>
    public string? NoticeKind { get; init; }

    internal Func<IServiceProvider, string> CronOf { get; }

    /// <summary>Resolves the job in the given scope, runs it (resend or not) and describes what it did.</summary>
    internal Func<IServiceProvider, bool, CancellationToken, Task<JobRunResult>> RunNow { get; }

    /// <summary>The cron configured now (offices' time zone).</summary>
    public string Cron(IServiceProvider services) => CronOf(services);
}
