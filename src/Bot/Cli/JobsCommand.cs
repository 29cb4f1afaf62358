using Microsoft.Extensions.Options;
using SosepBot.Core.Errors;
using SosepBot.Core.Persistence;
using SosepBot.Core.Scheduling;
using SosepBot.Jobs.Hosting;
using SosepBot.Jobs.Notices;

namespace SosepBot.Bot.Cli;

/// <summary>
/// <c>jobs list</c> and <c>jobs run NOMBRE [--reenviar]</c>: the recurring jobs of <see cref="ScheduledJobs"/>, run once
/// in this process against the service's database; what they queue is delivered by the running service.
/// </summary>
public static class JobsCommand
{
    private const string ResendFlag = "reenviar";

    /// <summary>A wrong verb or job name, refused before anything is built or run; null when the command may go on.</summary>
    public static int? Refuse(CliArguments arguments, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(stderr);
        switch (arguments.Verb)
        {
            case "list":
                return null;
            case "run":
                try
                {
                    _ = ScheduledJobs.Get(NameOf(arguments));
                    return null;
                }
                catch (DomainException e)
                {
                    stderr.WriteLine(e.Message);
                    return 1;
                }

            default:
                stderr.WriteLine("Uso: jobs list | jobs run NOMBRE [--reenviar]. Las tareas son: " + ScheduledJobs.Names + ".");
                return 64;
        }
    }

    public static async Task<int> RunAsync(IServiceProvider services, CliArguments arguments, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var runner = services.GetRequiredService<JobRunner>();
        if (arguments.Verb == "list")
        {
            return await ListAsync(services, runner, stdout, stderr);
        }

        var result = await runner.RunAsync(NameOf(arguments)!, arguments.Flag(ResendFlag), "the command line", CancellationToken.None);
        if (result.Status == JobRunStatus.AlreadySent)
        {
            await stderr.WriteLineAsync($"{result.Summary}; use --{ResendFlag} para enviarlo de nuevo.");
            return 1;
        }

        await stdout.WriteLineAsync(result.Summary);
        return 0;
    }

    private static async Task<int> ListAsync(IServiceProvider services, JobRunner runner, TextWriter stdout, TextWriter stderr)
    {
        var zone = services.GetRequiredService<BusinessCalendar>().TimeZone;
        string When(DateTimeOffset? time) => time is { } t ? SpanishText.DateAtTime(t, zone) : "desconocida";
        foreach (var job in await runner.ListAsync(CancellationToken.None))
        {
            var line = $"{job.Name}\t{job.Cron}\túltima ejecución: {When(job.LastRun)}" + (job.LastState is { } state ? $" ({state})" : string.Empty);
            if (job.CanResend)
            {
                line += job.LastSent is { } sent ? $"\túltimo envío: {When(sent)}" : "\túltimo envío: ninguno";
            }

            await stdout.WriteLineAsync(line);
        }

        var storage = JobsServiceCollectionExtensions.EffectiveStorage(
            services.GetRequiredService<IOptions<JobsOptions>>().Value, services.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        if (storage == JobStorageKind.InMemory)
        {
            await stderr.WriteLineAsync("Hangfire guarda sus ejecuciones en la memoria del servicio: las últimas ejecuciones programadas se ven en GET /api/jobs o en /hangfire.");
        }

        return 0;
    }

    /// <summary>The job's name: the first word after "run" (also when written after --reenviar, which then takes it as its value).</summary>
    private static string? NameOf(CliArguments arguments) =>
        arguments.Positional.FirstOrDefault() ?? arguments.Option(ResendFlag);
}
