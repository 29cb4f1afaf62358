using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Jobs.Hosting;

namespace SosepBot.Jobs.Tests.Hosting;

/// <summary>The real Hangfire server on its embedded (in-memory) storage, stopped in the middle of a run and started again.</summary>
public sealed class RestartTests
{
    private static readonly Dictionary<string, string?> Running = new()
    {
        ["Jobs:Enabled"] = "true",
        ["Jobs:Storage"] = "InMemory",
        ["Jobs:MaintenanceCron"] = "0 0 1 1 *",
        ["Jobs:EscalationCron"] = "0 0 1 1 *",
        ["Jobs:Digest:DailyCron"] = "0 0 1 1 *",
        ["Jobs:Digest:WeeklyCron"] = "0 0 1 1 *",
        ["Jobs:RetentionCron"] = "0 0 1 1 *",
    };

    [Fact]
    public async Task MaintenanceJob_ProcessRestartsMidRun_EveryReminderSentExactlyOnce()
    {
        await using var bed = await JobsBed.CreateAsync(Running);
        var scene = await MaintenanceScene.CreateAsync(bed);
        await scene.AddVisitAsync(bed, JobsBed.Local(2026, 3, 10, 10));
        await scene.AddVisitAsync(bed, JobsBed.Local(2026, 3, 10, 14), "Bienestar Social");
        await scene.ApproveAsync(bed);
        bed.SetLocal(2026, 3, 10, 9);

        // First process: the run stops while it is telling the technician (after the first unit's reminder).
        bed.Teams.BlockOn = scene.Technician.PersonId;
        await bed.RestartAsync(start: true);
        bed.Services.GetRequiredService<IRecurringJobManager>().Trigger(ScheduledJobs.Maintenance);
        await bed.Teams.Blocked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await bed.DbAsync(db => db.JobNotices.CountAsync()));

        // The process goes away; its Hangfire storage (in memory) goes with it.
        bed.Teams.BlockOn = null;
        await bed.RestartAsync(start: true);
        var monitoring = bed.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Assert.Equal(0, monitoring.SucceededListCount() + monitoring.FailedCount() + monitoring.ProcessingCount());

        // The recurring job is registered again at start; its next run completes the work.
        bed.Services.GetRequiredService<IRecurringJobManager>().Trigger(ScheduledJobs.Maintenance);
        await WaitUntilAsync(() => monitoring.SucceededListCount() >= 1);

        var reminders = (await bed.OutboxAsync()).Where(m => m.Kind.StartsWith("recordatorio", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, reminders.Count);
        Assert.Equal(2, reminders.Count(m => m.RecipientId == scene.Technician.PersonId));
        Assert.Equal(2, reminders.Count(m => m.RecipientId == scene.Contact.PersonId));
        Assert.Equal(4, await bed.DbAsync(db => db.JobNotices.CountAsync()));

        // And a third process sends nothing more.
        await bed.RestartAsync(start: true);
        monitoring = bed.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        bed.Services.GetRequiredService<IRecurringJobManager>().Trigger(ScheduledJobs.Maintenance);
        await WaitUntilAsync(() => monitoring.SucceededListCount() >= 1);
        Assert.Equal(4, (await bed.OutboxAsync()).Count(m => m.Kind.StartsWith("recordatorio", StringComparison.Ordinal)));
    }

    /// <summary>
    /// An instance killed while holding a recurring job's lock in the shared storage leaves it taken until the storage
    /// frees it: the next instance to start must still start (the job is registered already, by the same code), and
    /// registers the job again once the lock is free.
    /// </summary>
    [Fact]
    public async Task Start_RecurringJobLockedByAnotherInstance_StartsAndRegistersItLater()
    {
        await using var bed = await JobsBed.CreateAsync(Running);
        await bed.RestartAsync(start: false);
        var storage = bed.Services.GetRequiredService<JobStorage>();
        using var connection = storage.GetConnection();
        var held = connection.AcquireDistributedLock("lock:recurring-job:" + ScheduledJobs.WeeklyDigest, TimeSpan.FromSeconds(5));

        // Hangfire waits its own 15 seconds for the lock, then gives up: the start goes on without that job.
        await bed.Host.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var ids = () => storage.GetConnection().GetRecurringJobs().Select(j => j.Id).ToList();
        Assert.Contains(ScheduledJobs.Maintenance, ids());
        Assert.DoesNotContain(ScheduledJobs.WeeklyDigest, ids());

        held.Dispose();
        await WaitUntilAsync(() => ids().Contains(ScheduledJobs.WeeklyDigest));
    }

    [Fact]
    public async Task OutboxPump_Running_TurnsEventsIntoNoticesAndDeliversThem()
    {
        await using var bed = await JobsBed.CreateAsync(new Dictionary<string, string?> { ["Jobs:Delivery:Enabled"] = "true" });
        var requester = await bed.Db.PersonAsync("Ana Usuaria");
        var head = await bed.Db.PersonAsync("Rosa Jefa", Role.InfraHead);
        var technician = await bed.Db.PersonAsync("Tito Tecnico", Role.Technician);
        bed.Teams.Add(technician.PersonId);
        bed.Mail.Add(requester.PersonId);
        await bed.RestartAsync(start: true);

        var ticket = await bed.Db.Requests(r => r.Opening.OpenAsync(requester, new NewRequest { ProcedureCode = ProcedureCodes.SoporteTecnico, Title = "Sin red" }, default));
        await bed.FireAsync(head, ticket.Summary.Number, "asignar", new ActionInput { AssigneeId = technician.PersonId });

        await WaitUntilAsync(() =>
        {
            bed.Time.Advance(TimeSpan.FromSeconds(5));
            return bed.TeamsSender.Sent.Any(m => m.Text.Contains("le asignó", StringComparison.Ordinal))
                && bed.MailSender.Sent.Any(m => m.Kind == "acuse") && bed.MailSender.Sent.Any(m => m.Kind == "estado");
        });
        Assert.All(bed.TeamsSender.Sent, m => Assert.Equal(technician.PersonId, m.RecipientId));
        Assert.All(bed.MailSender.Sent, m => Assert.Equal(requester.PersonId, m.RecipientId));
    }

    [Fact]
    public async Task RetentionJob_Registered_EmptiesAnOldTeamsActivityBody()
    {
        await using var bed = await JobsBed.CreateAsync(Running);
        var received = bed.Time.GetUtcNow();
        await bed.DbAsync(db =>
        {
            db.TeamsInboundActivities.Add(new Core.Teams.TeamsInboundActivity
            {
                ActivityId = "formulario-viejo", ConversationId = "a:conv-ana", ChannelId = "msteams", Type = "message",
                Body = """{"value":{"cui":"2470945600101"}}""", ReceivedAt = received, ProcessedAt = received, Attempts = 1,
            });
            return db.SaveChangesAsync();
        });
        bed.Time.Advance(TimeSpan.FromDays(31));
        await bed.RestartAsync(start: true);

        bed.Services.GetRequiredService<IRecurringJobManager>().Trigger(ScheduledJobs.Retention);

        var monitoring = bed.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await WaitUntilAsync(() => monitoring.SucceededListCount() >= 1);
        Assert.Equal(Core.Privacy.ChannelContentSweeper.EmptyActivity, await bed.DbAsync(db => db.TeamsInboundActivities.Select(a => a.Body).SingleAsync()));
    }

    private static async Task WaitUntilAsync(Func<bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < until, "timed out");
            await Task.Delay(100);
        }
    }
}
