using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Jobs.Maintenance;

namespace SosepBot.Jobs.Tests.Maintenance;

/// <summary>A visit's unit reminder goes to the unit (head, contacts, shared mailbox); plans name a registered unit and are changed and ended.</summary>
public sealed class UnitRemindersAndPlansTests
{
    [Fact]
    public async Task SendReminders_UnitWithHeadContactsAndMailbox_RemindsThemAndNotWhoOpenedTheVisit()
    {
        await using var bed = await JobsBed.CreateAsync();
        var scene = await MaintenanceScene.CreateAsync(bed);
        var head = await bed.Db.PersonAsync("Hugo Jefe");
        var other = await bed.Db.PersonAsync("Beto Contacto");
        var gone = await bed.Db.PersonAsync("Ida Inactiva");
        bed.Mail.Add(head.PersonId, other.PersonId, gone.PersonId);
        await bed.Db.UnitAsync("Dirección Financiera", headEmail: MaintenanceScene.Email(head),
            contacts: [MaintenanceScene.Email(scene.Contact), MaintenanceScene.Email(other), MaintenanceScene.Email(head), MaintenanceScene.Email(gone)],
            sharedMailbox: "financiera@sosep.gob.gt");
        await bed.Db.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<PeopleService>().DeactivateAsync(MaintenanceScene.Email(gone), CancellationToken.None);
            return 0;
        });
        // Opened by the director, in his own name.
        var visit = (await bed.Db.Requests(r => r.Opening.OpenAsync(scene.Director, new NewRequest
        {
            ProcedureCode = ProcedureCodes.VisitaMantenimiento,
            Title = "Mantenimiento Financiera",
            ParentNumber = scene.Calendar,
            Unit = "direccion financiera",
            ScheduledFor = JobsBed.Local(2026, 3, 10, 10),
            AssigneeEmail = MaintenanceScene.Email(scene.Technician),
        }, default))).Summary.Number;
        await scene.ApproveAsync(bed);
        await bed.RunAsync<MaintenanceJob, int>(j => j.NotifyVisitsAsync(default));

        bed.SetLocal(2026, 3, 6, 8);
        Assert.Equal(1, await bed.RunAsync<MaintenanceJob, int>(j => j.SendRemindersAsync(default)));
        Assert.Equal(0, await bed.RunAsync<MaintenanceJob, int>(j => j.SendRemindersAsync(default)));

        var reminders = (await bed.OutboxAsync()).Where(m => m.Kind == MaintenanceJob.UnitReminder).ToList();
        Assert.All(reminders, m => Assert.Equal(visit, m.RequestNumber));
        Assert.Equal(
            new long?[] { scene.Contact.PersonId, head.PersonId, other.PersonId }.Order(),
            reminders.Where(m => m.RecipientId is not null).Select(m => m.RecipientId).Order());
        var mailbox = Assert.Single(reminders, m => m.RecipientId is null);
        Assert.Equal((Core.Notifications.OutboxChannel.Mail, "financiera@sosep.gob.gt"), (mailbox.Channel, mailbox.Recipient));
        Assert.Contains("Dirección Financiera", mailbox.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(reminders, m => m.RecipientId == scene.Director.PersonId);
        Assert.Contains("Hola, Hugo Jefe:", reminders.Single(m => m.RecipientId == head.PersonId).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendReminders_UnitWithNobodyRegistered_RemindsTheVisitsRequester()
    {
        await using var bed = await JobsBed.CreateAsync();
        var scene = await MaintenanceScene.CreateAsync(bed);
        await scene.AddVisitAsync(bed, JobsBed.Local(2026, 3, 10, 10), "Bienestar Social");
        await scene.ApproveAsync(bed);
        await bed.RunAsync<MaintenanceJob, int>(j => j.NotifyVisitsAsync(default));

        bed.SetLocal(2026, 3, 6, 8);
        await bed.RunAsync<MaintenanceJob, int>(j => j.SendRemindersAsync(default));

        Assert.Equal(scene.Contact.PersonId, Assert.Single(await bed.OutboxAsync(), m => m.Kind == MaintenanceJob.UnitReminder).RecipientId);
    }

    [Fact]
    public async Task AddPlan_UnregisteredUnit_IsRefusedWithFieldUnidadAndNothingIsStored()
    {
        await using var bed = await JobsBed.CreateAsync();
        var scene = await MaintenanceScene.CreateAsync(bed);

        var e = await Assert.ThrowsAsync<DomainException>(() => AddPlanAsync(bed, scene, scene.Director, "Unidad Fantasma"));

        Assert.Equal((ErrorKind.Invalid, "unidad"), (e.Kind, e.Field));
        Assert.Contains("no está registrada", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, await bed.DbAsync(db => db.MaintenancePlans.CountAsync()));
    }

    [Fact]
    public async Task AddPlan_ByInfraHead_IsForbidden()
    {
        await using var bed = await JobsBed.CreateAsync();
        var scene = await MaintenanceScene.CreateAsync(bed);

        var e = await Assert.ThrowsAsync<DomainException>(() => AddPlanAsync(bed, scene, scene.InfraHead, "Hogares Comunitarios"));

        Assert.Equal(ErrorKind.Forbidden, e.Kind);
        Assert.Equal(0, await bed.DbAsync(db => db.MaintenancePlans.CountAsync()));
    }

    [Fact]
    public async Task PlanWithoutContact_VisitsAreRequestedByTheUnitsHeadAndNameTheUnit()
    {
        await using var bed = await JobsBed.CreateAsync();
        var scene = await MaintenanceScene.CreateAsync(bed);
        var head = await bed.Db.PersonAsync("Hugo Jefe");
        var unit = await bed.Db.UnitAsync("Dirección Financiera", headEmail: MaintenanceScene.Email(head));
        await AddPlanAsync(bed, scene, scene.Assistant, "DIRECCION FINANCIERA", contact: null);

        Assert.Equal(2, await bed.RunAsync<MaintenanceJob, int>(j => j.CreatePlannedVisitsAsync(default)));

        var visits = await bed.DbAsync(db => db.Requests.AsNoTracking().Where(r => r.ProcedureCode == ProcedureCodes.VisitaMantenimiento).ToListAsync());
        Assert.All(visits, v => Assert.Equal((head.PersonId, unit.Id, "Dirección Financiera"), (v.RequesterId, v.UnitId, v.Unit)));
    }

    [Fact]
    public async Task UpdateAndEndPlan_NewTechnicianForNewVisits_EndedPlanCreatesNoMore()
    {
        await using var bed = await JobsBed.CreateAsync();
        var scene = await MaintenanceScene.CreateAsync(bed);
        var other = await bed.Db.PersonAsync("Otro Tecnico", Role.Technician);
        var plan = await AddPlanAsync(bed, scene, scene.Director, "Hogares Comunitarios");
        Assert.Equal(2, await bed.RunAsync<MaintenanceJob, int>(j => j.CreatePlannedVisitsAsync(default)));

        var changed = await bed.RunAsync<MaintenancePlanService, MaintenancePlanView>(s => s.UpdateAsync(scene.Technician, plan,
            new MaintenancePlanChange { TechnicianEmail = MaintenanceScene.Email(other), HorizonDays = 50 }, default));
        Assert.Equal((other.PersonId, 50, 2), (changed.Technician.Id, changed.HorizonDays, changed.VisitsCreated));
        var bad = await Assert.ThrowsAsync<DomainException>(() => bed.RunAsync<MaintenancePlanService, MaintenancePlanView>(s => s.UpdateAsync(scene.Director, plan,
            new MaintenancePlanChange { TechnicianEmail = MaintenanceScene.Email(scene.Contact), HorizonDays = 5 }, default)));
        Assert.Equal("tecnico", bad.Field);
        Assert.Equal(50, (await bed.RunAsync<MaintenancePlanService, MaintenancePlanView>(s => s.GetAsync(scene.Director, plan, default))).HorizonDays);

        bed.SetLocal(2026, 4, 1, 9);
        Assert.Equal(1, await bed.RunAsync<MaintenanceJob, int>(j => j.CreatePlannedVisitsAsync(default)));
        var newest = await bed.DbAsync(db => db.Requests.AsNoTracking().Where(r => r.ProcedureCode == ProcedureCodes.VisitaMantenimiento).OrderBy(r => r.Id).LastAsync());
        Assert.Equal(other.PersonId, newest.AssigneeId);

        var ended = await bed.RunAsync<MaintenancePlanService, MaintenancePlanView>(s => s.EndAsync(scene.Assistant, plan, default));
        Assert.False(ended.IsActive);
        Assert.NotNull(ended.EndedAt);
        var again = await Assert.ThrowsAsync<DomainException>(() => bed.RunAsync<MaintenancePlanService, MaintenancePlanView>(s => s.EndAsync(scene.Assistant, plan, default)));
        Assert.Equal(ErrorKind.InvalidState, again.Kind);
        bed.SetLocal(2026, 6, 1, 9);
        Assert.Equal(0, await bed.RunAsync<MaintenanceJob, int>(j => j.CreatePlannedVisitsAsync(default)));
    }

    private static Task<long> AddPlanAsync(JobsBed bed, MaintenanceScene scene, Actor actor, string unit, string? contact = "") =>
        bed.RunAsync<MaintenancePlanService, long>(async s => (await s.AddAsync(actor, new NewMaintenancePlan
        {
            CalendarNumber = scene.Calendar,
            Unit = unit,
            ContactEmail = contact == string.Empty ? MaintenanceScene.Email(scene.Contact) : contact,
            TechnicianEmail = MaintenanceScene.Email(scene.Technician),
            Rule = "FREQ=MONTHLY;BYDAY=2TU",
            FirstVisitLocal = new DateTime(2026, 3, 10, 9, 0, 0),
            HorizonDays = 45,
        }, default)).Id);
}
