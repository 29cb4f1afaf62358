using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Jobs.Digest;
using SosepBot.Jobs.Hosting;

namespace SosepBot.Jobs.Tests.Hosting;

/// <summary>The jobs run on demand from the table that also registers them with Hangfire.</summary>
public sealed class JobRunnerTests
{
    [Fact]
    public async Task Run_Maintenance_CountsWhatItDid()
    {
        await using var bed = await JobsBed.CreateAsync();
        var scene = await MaintenanceScene.CreateAsync(bed);
        await scene.AddVisitAsync(bed, JobsBed.Local(2026, 3, 10, 10));
        await scene.AddVisitAsync(bed, JobsBed.Local(2026, 3, 10, 14), "Bienestar Social");
        await scene.ApproveAsync(bed);
        bed.SetLocal(2026, 3, 10, 9);

        var first = await RunAsync(bed, ScheduledJobs.Maintenance);
        var second = await RunAsync(bed, ScheduledJobs.Maintenance);

        // Two visits notified, then (same run) each one's unit and technician reminders.
        Assert.Equal(JobRunStatus.Done, first.Status);
        Assert.Equal("mantenimiento-preventivo: 0 visitas creadas, 2 unidades notificadas, 4 recordatorios", first.Summary);
        Assert.Equal(4, first.Counts["reminded"]);
        Assert.Equal("mantenimiento-preventivo: 0 visitas creadas, 0 unidades notificadas, 0 recordatorios", second.Summary);
    }

    [Fact]
    public async Task Run_Escalations_CountsNotices()
    {
        await using var bed = await JobsBed.CreateAsync();
        var scene = await MaintenanceScene.CreateAsync(bed);
        await scene.AddVisitAsync(bed, JobsBed.Local(2026, 3, 2, 10));
        await scene.ApproveAsync(bed);
        bed.SetLocal(2026, 3, 4, 10); // the visit is two business days late: the technician and the head are told

        var run = await RunAsync(bed, ScheduledJobs.Escalations);

        var told = await bed.DbAsync(db => db.JobNotices.CountAsync(n => n.Kind == "escalamiento"));
        Assert.True(told > 0, "the late visit is escalated");
        Assert.Equal($"escalamientos: {told} avisos", run.Summary);
        Assert.Equal(told, run.Counts["notices"]);
        Assert.Equal("escalamientos: 0 avisos", (await RunAsync(bed, ScheduledJobs.Escalations)).Summary);
    }

    [Theory]
    [InlineData(ScheduledJobs.AttachmentSweep, "limpieza-de-archivos: 0 archivos sin uso eliminados")]
    [InlineData(ScheduledJobs.Retention, "vaciado-de-copias: 0 copias vaciadas")]
    public async Task Run_Sweeps_SayHowManyTheyEmptied(string job, string summary)
    {
        await using var bed = await JobsBed.CreateAsync();
        Assert.Equal(summary, (await RunAsync(bed, job)).Summary);
    }

    [Fact]
    public async Task DailyDigest_SecondRunSameDay_SaysWhenItWentOutAndSendsNothing()
    {
        await using var bed = await JobsBed.CreateAsync();
        var director = await DirectorAsync(bed);
        bed.SetLocal(2026, 3, 3, 7);
        var first = await RunAsync(bed, "Resumen-Diario");
        bed.SetLocal(2026, 3, 3, 11, 30);

        var second = await RunAsync(bed, ScheduledJobs.DailyDigest);
        var scheduled = await bed.RunAsync<DigestJob, DigestRun>(j => j.SendDailyAsync(default));

        Assert.Equal(JobRunStatus.Done, first.Status);
        Assert.Equal("resumen-diario: enviado a 1 persona (2 mensajes)", first.Summary);
        Assert.Equal(JobRunStatus.AlreadySent, second.Status);
        Assert.Equal("El resumen diario de hoy ya se envió el martes 3 de marzo de 2026 a las 07:00", second.Summary);
        Assert.Equal(DigestOutcome.AlreadySent, scheduled.Outcome);
        var messages = await bed.OutboxAsync();
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Equal(director, m.RecipientId));
    }

    [Fact]
    public async Task DailyDigest_Resend_SendsAgainUnderItsOwnKey_AndIsNeverRepeatedSilently()
    {
        await using var bed = await JobsBed.CreateAsync();
        await DirectorAsync(bed);
        bed.SetLocal(2026, 3, 3, 7);
        await RunAsync(bed, ScheduledJobs.DailyDigest);
        bed.SetLocal(2026, 3, 3, 10, 15);

        var resent = await RunAsync(bed, ScheduledJobs.DailyDigest, resend: true);
        bed.SetLocal(2026, 3, 3, 10, 20);
        var plain = await RunAsync(bed, ScheduledJobs.DailyDigest);
        var weekly = await RunAsync(bed, ScheduledJobs.WeeklyDigest);

        Assert.Equal(JobRunStatus.Done, resent.Status);
        Assert.Equal("resumen-diario: reenviado a 1 persona (2 mensajes)", resent.Summary);
        Assert.Equal("El resumen diario de hoy ya se envió el martes 3 de marzo de 2026 a las 10:15", plain.Summary);
        Assert.Equal(JobRunStatus.Done, weekly.Status); // each digest keeps its own day
        var daily = (await bed.OutboxAsync()).Where(m => m.Kind == DigestJob.DailyKind).ToList();
        Assert.Equal(4, daily.Count);
        Assert.Equal(4, daily.Select(m => m.DedupKey).Distinct(StringComparer.Ordinal).Count());
        var keys = await bed.DbAsync(db => db.JobNotices.Where(n => n.Kind == DigestJob.DailyKind).OrderBy(n => n.Id).Select(n => n.Key).ToListAsync());
        Assert.Equal("resumen-diario:2026-03-03", keys[0]);
        Assert.StartsWith("resumen-diario:2026-03-03:reenvio:20260303T161500", keys[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DailyDigest_ResendBeforeAnySending_SendsTheDaysDigest()
    {
        await using var bed = await JobsBed.CreateAsync();
        await DirectorAsync(bed);
        bed.SetLocal(2026, 3, 3, 6);

        var resent = await RunAsync(bed, ScheduledJobs.DailyDigest, resend: true);
        bed.SetLocal(2026, 3, 3, 7);
        var scheduled = await bed.RunAsync<DigestJob, DigestRun>(j => j.SendDailyAsync(default));

        Assert.Equal("resumen-diario: enviado a 1 persona (2 mensajes)", resent.Summary);
        Assert.Equal(DigestOutcome.AlreadySent, scheduled.Outcome); // the scheduled run does not send it a second time
        Assert.Equal(2, (await bed.OutboxAsync()).Count);
    }

    [Fact]
    public async Task DailyDigest_Holiday_IsSkippedAndSaysSo()
    {
        await using var bed = await JobsBed.CreateAsync();
        await DirectorAsync(bed);
        bed.SetLocal(2026, 4, 2, 7);

        var run = await RunAsync(bed, ScheduledJobs.DailyDigest, resend: true);

        Assert.Equal(JobRunStatus.Skipped, run.Status);
        Assert.Equal("resumen-diario: hoy, jueves 2 de abril de 2026, no es día hábil; no se envió.", run.Summary);
        Assert.Empty(await bed.OutboxAsync());
    }

    [Fact]
    public async Task DailyDigest_RecipientNobodyReaches_SaysSo()
    {
        await using var bed = await JobsBed.CreateAsync();
        await bed.Db.PersonAsync("Director Informatica", Role.ItDirector);
        bed.SetLocal(2026, 3, 3, 7);

        var run = await RunAsync(bed, ScheduledJobs.DailyDigest);

        Assert.Equal("resumen-diario: enviado a 0 personas (0 mensajes); 1 persona no tiene un canal (Teams o correo) que la alcance.", run.Summary);
    }

    [Theory]
    [InlineData("resumen-mensual", true, ErrorKind.NotFound, "No existe la tarea «resumen-mensual». Las tareas son: mantenimiento-preventivo, escalamientos, resumen-diario, resumen-semanal, sus-pendientes, limpieza-de-archivos, vaciado-de-copias.")]
    [InlineData("", false, ErrorKind.NotFound, "Indique qué tarea ejecutar")]
    [InlineData("escalamientos", true, ErrorKind.Invalid, "reenviar solo vale para resumen-diario y resumen-semanal")]
    public async Task Run_UnknownJobOrResendOfAJobWithoutDigest_IsRefusedAndRunsNothing(string name, bool resend, ErrorKind kind, string message)
    {
        await using var bed = await JobsBed.CreateAsync();
        var scene = await MaintenanceScene.CreateAsync(bed);
        await scene.AddVisitAsync(bed, JobsBed.Local(2026, 3, 2, 10));
        await scene.ApproveAsync(bed);
        bed.SetLocal(2026, 3, 4, 10);

        var refused = await Assert.ThrowsAsync<DomainException>(() => RunAsync(bed, name, resend));

        Assert.Equal(kind, refused.Kind);
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await bed.DbAsync(db => db.JobNotices.CountAsync()));
    }

    [Fact]
    public async Task Table_EveryJob_IsRegisteredWithItsConfiguredCron_AndListed()
    {
        await using var bed = await JobsBed.CreateAsync(new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "true",
            ["Jobs:Storage"] = "InMemory",
            ["Jobs:MaintenanceCron"] = "0 0 1 1 *",
            ["Jobs:EscalationCron"] = "0 0 1 1 *",
            ["Jobs:Digest:DailyCron"] = "5 0 1 1 *",
            ["Jobs:Digest:WeeklyCron"] = "0 0 1 1 *",
            ["Jobs:AttachmentSweepCron"] = "0 0 1 1 *",
            ["Jobs:RetentionCron"] = "0 0 1 1 *",
            ["Notices:SummaryCron"] = "0 0 1 1 *",
        });
        await bed.RestartAsync(start: true);
        await DirectorAsync(bed);
        bed.SetLocal(2026, 3, 3, 7);
        await RunAsync(bed, ScheduledJobs.DailyDigest);

        // Hangfire runs the weekly digest from the table's registration (a method returning its counts).
        bed.Services.GetRequiredService<IRecurringJobManager>().Trigger(ScheduledJobs.WeeklyDigest);
        var monitoring = bed.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (monitoring.SucceededListCount() == 0)
        {
            Assert.True(DateTime.UtcNow < until && monitoring.FailedCount() == 0, "the triggered job neither succeeded nor failed in time");
            await Task.Delay(100);
        }

        using var connection = bed.Services.GetRequiredService<JobStorage>().GetConnection();
        var registered = connection.GetRecurringJobs();
        var list = await bed.Services.GetRequiredService<JobRunner>().ListAsync(default);

        Assert.Equal(
            ["escalamientos", "limpieza-de-archivos", "mantenimiento-preventivo", "resumen-diario", "resumen-semanal", "sus-pendientes", "vaciado-de-copias"],
            registered.Select(r => r.Id).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("5 0 1 1 *", Assert.Single(registered, r => r.Id == "resumen-diario").Cron);
        Assert.Equal(ScheduledJobs.All.Select(j => j.Name), list.Select(j => j.Name));
        var daily = Assert.Single(list, j => j.Name == "resumen-diario");
        Assert.Equal("5 0 1 1 *", daily.Cron);
        Assert.Equal("Jobs:Digest:DailyCron", daily.CronSetting);
        Assert.NotNull(daily.NextRun);
        Assert.Equal(JobsBed.Local(2026, 3, 3, 7), daily.LastSent);
        Assert.Null(Assert.Single(list, j => j.Name == "escalamientos").LastSent);
        var weekly = Assert.Single(list, j => j.Name == "resumen-semanal");
        Assert.NotNull(weekly.LastRun);
        Assert.Equal("Succeeded", weekly.LastState);
        Assert.Equal(JobsBed.Local(2026, 3, 3, 7), weekly.LastSent);
        Assert.Null(daily.LastRun); // run on demand, outside Hangfire
    }

    private static async Task<long> DirectorAsync(JobsBed bed)
    {
        var director = await bed.Db.PersonAsync("Director Informatica", Role.ItDirector);
        bed.Mail.Add(director.PersonId);
        bed.Teams.Add(director.PersonId);
        return director.PersonId;
    }

    private static Task<JobRunResult> RunAsync(JobsBed bed, string name, bool resend = false) =>
        bed.Services.GetRequiredService<JobRunner>().RunAsync(name, resend, "tests", default);
}
