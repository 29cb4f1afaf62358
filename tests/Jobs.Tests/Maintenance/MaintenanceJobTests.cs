using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Errors;
using SosepBot.Core.Procedures;
using SosepBot.Jobs.Maintenance;

namespace SosepBot.Jobs.Tests.Maintenance;

public sealed class MaintenanceJobTests
{
    [Fact]
    public async Task NotifyVisits_CalendarInExecution_FiresNotificarOnceInTheNotifiersName()
    {
        await using var bed = await JobsBed.CreateAsync();
        var scene = await MaintenanceScene.CreateAsync(bed);
        var visit = await scene.AddVisitAsync(bed, JobsBed.Local(2026, 3, 10, 9));

        Assert.Equal(0, await bed.RunAsync<MaintenanceJob, int>(j => j.NotifyVisitsAsync(default)));
        await scene.ApproveAsync(bed);
        Assert.Equal(1, await bed.RunAsync<MaintenanceJob, int>(j => j.NotifyVisitsAsync(default)));
        Assert.Equal(0, await bed.RunAsync<MaintenanceJob, int>(j => j.NotifyVisitsAsync(default)));

        var details = await bed.Db.Requests(r => r.Queries.GetAsync(scene.Director, visit, default));
        Assert.Equal("Notificada", details.Summary.State);
        var step = details.History[^1];
        Assert.Equal("notificar", step.Action);
        Assert.Equal(scene.Assistant.DisplayName, step.Actor);
        Assert.Contains("martes 10 de marzo de 2026, 09:00", step.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendReminders_VisitAfterHolyWeek_UnitRemindedTwoBusinessDaysBeforeSkippingHolidays()
    {
        await using var bed = await JobsBed.CreateAsync();
        var scene = await MaintenanceScene.CreateAsync(bed);
        // Monday after Easter 2026; Holy Thursday (2 April) and Good Friday (3 April) are holidays.
        var visit = await scene.AddVisitAsync(bed, JobsBed.Local(2026, 4, 6, 9));
        await scene.ApproveAsync(bed);
        await bed.RunAsync<MaintenanceJob, int>(j => j.NotifyVisitsAsync(default));

        bed.SetLocal(2026, 3, 31, 7, 59);
        Assert.Equal(0, await bed.RunAsync<MaintenanceJob, int>(j => j.SendRemindersAsync(default)));
        bed.SetLocal(2026, 3, 31, 8, 0);
        Assert.Equal(1, await bed.RunAsync<MaintenanceJob, int>(j => j.SendRemindersAsync(default)));

        var reminder = Assert.Single(await bed.OutboxAsync(), m => m.Kind == MaintenanceJob.UnitReminder);
        Assert.Equal(scene.Contact.PersonId, reminder.RecipientId);
        Assert.Equal(Core.Notifications.OutboxChannel.Mail, reminder.Channel);
        Assert.Equal(visit, reminder.RequestNumber);
        Assert.Contains("lunes 6 de abril de 2026, 09:00", reminder.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendReminders_VisitOnTuesday_UnitRemindedOnFridayTechnicianOnTheDay()
    {
        await using var bed = await JobsBed.CreateAsync();
        var scene = await MaintenanceScene.CreateAsync(bed);
        await scene.AddVisitAsync(bed, JobsBed.Local(2026, 3, 10, 10));
        await scene.ApproveAsync(bed);
        await bed.RunAsync<MaintenanceJob, int>(j => j.NotifyVisitsAsync(default));

        bed.SetLocal(2026, 3, 5, 16);
        Assert.Equal(0, await bed.RunAsync<MaintenanceJob, int>(j => j.SendRemindersAsync(default)));
        bed.SetLocal(2026, 3, 6, 8);
        Assert.Equal(1, await bed.RunAsync<MaintenanceJob, int>(j => j.SendRemindersAsync(default)));
        bed.SetLocal(2026, 3, 9, 12);
        Assert.Equal(0, await bed.RunAsync<MaintenanceJob, int>(j => j.SendRemindersAsync(default)));
        bed.SetLocal(2026, 3, 10, 8);
        Assert.Equal(1, await bed.RunAsync<MaintenanceJob, int>(j => j.SendRemindersAsync(default)));

        var technician = Assert.Single(await bed.OutboxAsync(), m => m.Kind == MaintenanceJob.TechnicianReminder);
        Assert.Equal(scene.Technician.PersonId, technician.RecipientId);
        Assert.Equal(Core.Notifications.OutboxChannel.Teams, technician.Channel);
    }

    [Fact]
    public async Task SendReminders_RunTwiceAndAfterRestart_SendsEachReminderOnce()
    {
        await using var bed = await JobsBed.CreateAsync();
        var scene = await MaintenanceScene.CreateAsync(bed);
        await scene.AddVisitAsync(bed, JobsBed.Local(2026, 3, 10, 10));
        await scene.AddVisitAsync(bed, JobsBed.Local(2026, 3, 10, 14), "Bienestar Social");
        await scene.ApproveAsync(bed);
        bed.SetLocal(2026, 3, 10, 9);

        var first = await bed.RunAsync<MaintenanceJob, int>(async j => { await j.RunAsync(default); return 0; });
        await bed.RunAsync<MaintenanceJob, int>(async j => { await j.RunAsync(default); return 0; });
        await bed.RestartAsync(start: false);
        await bed.RunAsync<MaintenanceJob, int>(async j => { await j.RunAsync(default); return 0; });

        var reminders = (await bed.OutboxAsync()).Where(m => m.Kind.StartsWith("recordatorio", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, reminders.Count); // two visits × (unit, technician)
        Assert.Equal(reminders.Count, reminders.Select(m => m.DedupKey).Distinct().Count());
        Assert.Equal(4, await bed.DbAsync(db => db.JobNotices.CountAsync()));
    }

    [Fact]
    public async Task SendReminders_Rescheduled_RemindsAgainForTheNewDateOnly()
    {
        await using var bed = await JobsBed.CreateAsync();
        var scene = await MaintenanceScene.CreateAsync(bed);
        var visit = await scene.AddVisitAsync(bed, JobsBed.Local(2026, 3, 10, 10));
        await scene.ApproveAsync(bed);
        bed.SetLocal(2026, 3, 6, 9);
        await bed.RunAsync<MaintenanceJob, int>(async j => { await j.RunAsync(default); return 0; });
        Assert.Single(await bed.OutboxAsync(), m => m.Kind == MaintenanceJob.UnitReminder);

        await bed.FireAsync(scene.Technician, visit, "reprogramar",
            new ActionInput { Text = "La unidad tiene auditoría", ScheduledFor = JobsBed.Local(2026, 3, 17, 10) });
        await bed.RunAsync<MaintenanceJob, int>(async j => { await j.RunAsync(default); return 0; });
        Assert.Single(await bed.OutboxAsync(), m => m.Kind == MaintenanceJob.UnitReminder);

        bed.SetLocal(2026, 3, 13, 8);
        await bed.RunAsync<MaintenanceJob, int>(async j => { await j.RunAsync(default); return 0; });
        await bed.RunAsync<MaintenanceJob, int>(async j => { await j.RunAsync(default); return 0; });
        var unit = (await bed.OutboxAsync()).Where(m => m.Kind == MaintenanceJob.UnitReminder).ToList();
        Assert.Equal(2, unit.Count);
        Assert.Contains("martes 17 de marzo de 2026, 10:00", unit[1].Text, StringComparison.Ordinal);
        var details = await bed.Db.Requests(r => r.Queries.GetAsync(scene.Director, visit, default));
        Assert.Equal("Notificada", details.Summary.State);
    }

    [Fact]
    public async Task CreatePlannedVisits_FirstMondayRule_CreatesOneVisitPerOccurrenceEvenOnTwoInstances()
    {
        await using var bed = await JobsBed.CreateAsync();
        var scene = await MaintenanceScene.CreateAsync(bed);
        await bed.RunAsync<MaintenancePlanService, long>(async s => (await s.AddAsync(scene.Director, new NewMaintenancePlan
        {
            CalendarNumber = scene.Calendar,
            Unit = "Hogares Comunitarios",
            ContactEmail = MaintenanceScene.Email(scene.Contact),
            TechnicianEmail = MaintenanceScene.Email(scene.Technician),
            Rule = "RRULE:FREQ=MONTHLY;BYDAY=1MO",
            FirstVisitLocal = new DateTime(2026, 3, 2, 10, 0, 0),
            HorizonDays = 100,
        }, default)).Id);

        // Monday 2 March 09:00: occurrences 2 Mar 10:00, 6 Apr, 4 May, 1 Jun fall within 100 days.
        var counts = await Task.WhenAll(
            bed.RunAsync<MaintenanceJob, int>(j => j.CreatePlannedVisitsAsync(default)),
            bed.RunAsync<MaintenanceJob, int>(j => j.CreatePlannedVisitsAsync(default)));
        Assert.Equal(4, counts.Sum());
        Assert.Equal(0, await bed.RunAsync<MaintenanceJob, int>(j => j.CreatePlannedVisitsAsync(default)));

        var visits = await bed.DbAsync(db => db.Requests.AsNoTracking()
            .Where(r => r.ProcedureCode == ProcedureCodes.VisitaMantenimiento).OrderBy(r => r.ScheduledFor).ToListAsync());
        Assert.Equal(
            [JobsBed.Local(2026, 3, 2, 10), JobsBed.Local(2026, 4, 6, 10), JobsBed.Local(2026, 5, 4, 10), JobsBed.Local(2026, 6, 1, 10)],
            visits.Select(v => v.ScheduledFor!.Value).ToArray());
        Assert.All(visits, v => Assert.Equal(scene.Contact.PersonId, v.RequesterId));
        Assert.All(visits, v => Assert.Equal(scene.Technician.PersonId, v.AssigneeId));
        Assert.All(visits, v => Assert.Equal("Hogares Comunitarios", v.Unit));
    }

    [Fact]
    public async Task CreatePlannedVisits_CalendarProposed_WaitsUntilItMayTakeVisits()
    {
        await using var bed = await JobsBed.CreateAsync();
        var scene = await MaintenanceScene.CreateAsync(bed);
        await scene.AddVisitAsync(bed, JobsBed.Local(2026, 3, 20, 9));
        await bed.RunAsync<MaintenancePlanService, long>(async s => (await s.AddAsync(scene.Director, new NewMaintenancePlan
        {
            CalendarNumber = scene.Calendar,
            Unit = "Bienestar Social",
            ContactEmail = MaintenanceScene.Email(scene.Contact),
            TechnicianEmail = MaintenanceScene.Email(scene.Technician),
            Rule = "FREQ=MONTHLY;INTERVAL=6",
            FirstVisitLocal = new DateTime(2026, 3, 16, 9, 0, 0),
        }, default)).Id);
        await bed.FireAsync(scene.Assistant, scene.Calendar, "proponer");

        Assert.Equal(0, await bed.RunAsync<MaintenanceJob, int>(j => j.CreatePlannedVisitsAsync(default)));
        await bed.FireAsync(scene.Despacho, scene.Calendar, "aprobar");
        await bed.FireAsync(scene.Assistant, scene.Calendar, "notificar-unidades");
        Assert.Equal(1, await bed.RunAsync<MaintenanceJob, int>(j => j.CreatePlannedVisitsAsync(default)));
    }

    [Theory]
    [InlineData("FREQ=BOGUS")]
    [InlineData("FREQ=HOURLY")]
    [InlineData("")]
    public async Task AddPlan_BadRule_IsRefusedInSpanishAndNothingIsStored(string rule)
    {
        await using var bed = await JobsBed.CreateAsync();
        var scene = await MaintenanceScene.CreateAsync(bed);
        var e = await Assert.ThrowsAsync<DomainException>(() => bed.RunAsync<MaintenancePlanService, long>(async s => (await s.AddAsync(scene.Director, new NewMaintenancePlan
        {
            CalendarNumber = scene.Calendar,
            Unit = "Bienestar Social",
            ContactEmail = MaintenanceScene.Email(scene.Contact),
            TechnicianEmail = MaintenanceScene.Email(scene.Technician),
            Rule = rule,
            FirstVisitLocal = new DateTime(2026, 3, 16, 9, 0, 0),
        }, default)).Id));
        Assert.Equal(ErrorKind.Invalid, e.Kind);
        Assert.Equal("regla", e.Field);
        Assert.Equal(0, await bed.DbAsync(db => db.MaintenancePlans.CountAsync()));
    }
}
