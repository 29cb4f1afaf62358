using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SosepBot.Core.Errors;
using SosepBot.Core.Procedures;
using SosepBot.Jobs.Notices;

namespace SosepBot.Jobs.Hosting;

/// <summary>
/// Runs a job of <see cref="ScheduledJobs"/> now, in this process and its own scope, and lists them with what is known
/// of their runs. Outside Hangfire (no queue, no lock): the jobs are safe to run twice, their notices are sent once.
/// </summary>
public sealed partial class JobRunner(IServiceScopeFactory scopes, IServiceProvider services, ILogger<JobRunner> logger)
{
    /// <summary>Refuses (403) anybody but the IT director and administrators.</summary>
    public static void EnsureOperator(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsJobOperator)
        {
            throw new DomainException(ErrorKind.Forbidden,
                JobTexts.OnlyDirectorRunsJobs);
        }
    }

    /// <summary>Runs <paramref name="name"/> once; <paramref name="resend"/> sends today's digest again (digests only).</summary>
    /// <param name="name">A job's name ("resumen-diario").</param>
    /// <param name="resend">Send today's digest again with a new key; refused for jobs that send no digest.</param>
    /// <param name="requestedBy">Who asked, for the log ("persona 12", "línea de comandos").</param>
    /// <param name="cancellationToken">Stops the run (the request's, on the API).</param>
    public async Task<JobRunResult> RunAsync(string name, bool resend, string requestedBy, CancellationToken cancellationToken)
    {
        var job = ScheduledJobs.Get(name);
        if (resend && !job.CanResend)
        {
            throw new DomainException(ErrorKind.Invalid,
                JobTexts.NoResend(job.Name, ScheduledJobs.All.Where(j => j.CanResend).Select(j => j.Name)))
            { Field = "resend" };
        }

        await using var scope = scopes.CreateAsyncScope();
        var result = await job.RunNow(scope.ServiceProvider, resend, cancellationToken);
        LogRun(logger, job.Name, requestedBy, result.Status, result.Summary);
        return result;
    }

    /// <summary>Every job with its schedule, its last and next run as this process's Hangfire storage knows them, and the digests' last sending.</summary>
    public async Task<IReadOnlyList<JobInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var runs = RecurringRuns();
        await using var scope = scopes.CreateAsyncScope();
        var notices = scope.ServiceProvider.GetRequiredService<NoticeWriter>();
        var list = new List<JobInfo>();
        foreach (var job in ScheduledJobs.All)
        {
            var run = runs.GetValueOrDefault(job.Name);
            var lastSent = job.NoticeKind is { } kind ? await notices.LastOfKindAsync(kind, cancellationToken) : null;
            list.Add(new JobInfo(job.Name, job.Description, job.Cron(services), job.CronSetting, job.CanResend,
                Utc(run?.LastExecution), run?.LastJobState, Utc(run?.NextExecution), lastSent));
        }

        return list;
    }

    private Dictionary<string, RecurringJobDto> RecurringRuns()
    {
        using var connection = services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs(ScheduledJobs.All.Select(j => j.Name))
            .Where(r => !r.Removed)
            .ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    private static DateTimeOffset? Utc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} run on demand by {RequestedBy}: {Status}, {Summary}")]
    private static partial void LogRun(ILogger logger, string job, string requestedBy, JobRunStatus status, string summary);
}
