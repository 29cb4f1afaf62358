using System.Linq.Expressions;
using Hangfire.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SosepBot.Core.Attachments;
using SosepBot.Core.Notifications;
using SosepBot.Core.Errors;
using SosepBot.Core.Privacy;
using SosepBot.Core.Scheduling;
using SosepBot.Jobs.Digest;
using SosepBot.Jobs.Escalations;
using SosepBot.Jobs.Maintenance;
using SosepBot.Jobs.Summary;
using static SosepBot.Jobs.Notices.SpanishText;

namespace SosepBot.Jobs.Hosting;

/// <summary>
/// The recurring jobs, one row each: Hangfire's registration at start, <c>jobs list|run</c> on the command line
/// and <c>/api/jobs</c> all read this table.
/// </summary>
public static class ScheduledJobs
{
    public const string Maintenance = "mantenimiento-preventivo";
    public const string Escalations = "escalamientos";
    public const string DailyDigest = DigestJob.DailyKind;
    public const string WeeklyDigest = DigestJob.WeeklyKind;
    public const string AttachmentSweep = "limpieza-de-archivos";
    public const string Retention = "vaciado-de-copias";
    public const string PendingSummary = PendingSummaryJob.Kind;

    public static IReadOnlyList<ScheduledJob> All { get; } =
    [
        Define<MaintenanceJob, MaintenanceRun>(Maintenance,
            "Crea las visitas de los planes, notifica a las unidades y envía los recordatorios de mantenimiento preventivo.",
            "Jobs:MaintenanceCron", sp => JobsOf(sp).MaintenanceCron,
            j => j.RunAsync(CancellationToken.None), (j, _, ct) => j.RunAsync(ct),
            (r, _) => Done(Maintenance,
                $"{Count(r.Created, "visita creada", "visitas creadas")}, {Count(r.Notified, "unidad notificada", "unidades notificadas")}, {Count(r.Reminded, "recordatorio", "recordatorios")}",
                ("created", r.Created), ("notified", r.Notified), ("reminded", r.Reminded))),
        Define<EscalationJob, int>(Escalations,
            "Avisa de los pasos con plazo vencido: a la persona responsable, a su jefe y a la Dirección.",
            "Jobs:EscalationCron", sp => JobsOf(sp).EscalationCron,
            j => j.RunAsync(CancellationToken.None), (j, _, ct) => j.RunAsync(ct),
            (n, _) => Done(Escalations, Count(n, "aviso", "avisos"), ("notices", n))),
        Define<DigestJob, DigestRun>(DailyDigest,
            "Resumen diario para el Director de Informática (días hábiles).",
            "Jobs:Digest:DailyCron", sp => DigestOf(sp).DailyCron,
            j => j.SendDailyAsync(CancellationToken.None), (j, resend, ct) => j.SendDailyAsync(resend, ct),
            (r, sp) => Describe(DailyDigest, "El resumen diario", r, sp), canResend: true),
        Define<DigestJob, DigestRun>(WeeklyDigest,
            "Resumen semanal para el Director de Informática.",
            "Jobs:Digest:WeeklyCron", sp => DigestOf(sp).WeeklyCron,
            j => j.SendWeeklyAsync(CancellationToken.None), (j, resend, ct) => j.SendWeeklyAsync(resend, ct),
            (r, sp) => Describe(WeeklyDigest, "El resumen semanal", r, sp), canResend: true),
        Define<PendingSummaryJob, PendingSummaryRun>(PendingSummary,
            "«Sus pendientes»: a cada persona, lo que espera por ella, lo vencido primero (días hábiles).",
            "Notices:SummaryCron", sp => sp.GetRequiredService<IOptions<NoticeOptions>>().Value.SummaryCron,
            j => j.RunAsync(CancellationToken.None), (j, _, ct) => j.RunAsync(ct),
            (r, _) => r.BusinessDay
                ? Done(PendingSummary, $"enviado a {Count(r.People, "persona", "personas")} ({Count(r.Requests, "solicitud", "solicitudes")})", ("people", r.People), ("requests", r.Requests))
                : new(PendingSummary, JobRunStatus.Skipped, $"{PendingSummary}: hoy no es día hábil; no se envió.", new Dictionary<string, int>(StringComparer.Ordinal))),
        Define<AttachmentSweeper, int>(AttachmentSweep,
            "Elimina los archivos guardados que ningún adjunto nombra (de trabajo deshecho).",
            "Jobs:AttachmentSweepCron", sp => JobsOf(sp).AttachmentSweepCron,
            s => s.SweepAsync(CancellationToken.None), (s, _, ct) => s.SweepAsync(ct),
            (n, _) => Done(AttachmentSweep, Count(n, "archivo sin uso eliminado", "archivos sin uso eliminados"), ("files", n))),
        Define<ChannelContentSweeper, int>(Retention,
            "Vacía las copias de datos personales que guardan los canales, pasado Retention:ChannelContent, y borra los enlaces de acceso usados o vencidos.",
            "Jobs:RetentionCron", sp => JobsOf(sp).RetentionCron,
            s => s.SweepAsync(CancellationToken.None), (s, _, ct) => s.SweepAsync(ct),
            (n, _) => Done(Retention, Count(n, "copia vaciada", "copias vaciadas"), ("emptied", n))),
    ];

    /// <summary>The names, as the Spanish messages list them.</summary>
    public static string Names => string.Join(", ", All.Select(j => j.Name));

    /// <summary>The job named <paramref name="name"/> (case-insensitive); a Spanish "not found" listing the names otherwise.</summary>
    public static ScheduledJob Get(string? name) =>
        All.FirstOrDefault(j => string.Equals(j.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new DomainException(ErrorKind.NotFound, string.IsNullOrWhiteSpace(name)
            ? JobTexts.JobNeeded(Names)
            : JobTexts.NoSuchJob(name, Names)) { Field = "name" };

    private static ScheduledJob Define<TJob, TResult>(
        string name,
        string description,
        string cronSetting,
        Func<IServiceProvider, string> cron,
        Expression<Func<TJob, Task>> recurring,
        Func<TJob, bool, CancellationToken, Task<TResult>> now,
        Func<TResult, IServiceProvider, JobRunResult> describe,
        bool canResend = false)
        where TJob : notnull => new(cron, async (services, resend, cancellationToken) =>
            describe(await now(services.GetRequiredService<TJob>(), resend, cancellationToken), services))
        {
            Name = name,
            Description = description,
            CronSetting = cronSetting,
            Recurring = Job.FromExpression(recurring),
            CanResend = canResend,
            NoticeKind = canResend ? name : null,
        };

    private static JobRunResult Done(string job, string summary, params (string Name, int Value)[] counts) =>
        new(job, JobRunStatus.Done, $"{job}: {summary}", counts.ToDictionary(c => c.Name, c => c.Value, StringComparer.Ordinal));

    private static JobRunResult Describe(string job, string digest, DigestRun run, IServiceProvider services)
    {
        var zone = services.GetRequiredService<BusinessCalendar>().TimeZone;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["recipients"] = run.Recipients, ["people"] = run.People, ["messages"] = run.Messages,
        };
        return run.Outcome switch
        {
            DigestOutcome.AlreadySent => new(job, JobRunStatus.AlreadySent,
                $"{digest} de hoy ya se envió el {DateAtTime(run.SentAt!.Value, zone)}", counts),
            DigestOutcome.NotBusinessDay => new(job, JobRunStatus.Skipped,
                $"{job}: hoy, {Date(run.Day)}, no es día hábil; no se envió.", counts),
            _ => new(job, JobRunStatus.Done,
                $"{job}: {(run.Resent ? "reenviado" : "enviado")} a {Count(run.People, "persona", "personas")} ({Count(run.Messages, "mensaje", "mensajes")})"
                + Unreached(run), counts),
        };
    }

    private static string Unreached(DigestRun run) =>
        run.Recipients == 0 ? "; no tiene destinatarios: revise Jobs:Digest:Recipients o quién tiene el rol de Director Unidad de Informática."
        : run.Recipients - run.People == 1 ? "; 1 persona no tiene un canal (Teams o correo) que la alcance."
        : run.People < run.Recipients ? $"; {run.Recipients - run.People} personas no tienen un canal (Teams o correo) que las alcance."
        : string.Empty;

    private static JobsOptions JobsOf(IServiceProvider services) => services.GetRequiredService<IOptions<JobsOptions>>().Value;

    private static DigestOptions DigestOf(IServiceProvider services) => services.GetRequiredService<IOptions<DigestOptions>>().Value;
}
