using Microsoft.EntityFrameworkCore;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Jobs.Escalations;
using SosepBot.Jobs.Maintenance;

namespace SosepBot.Jobs.Tests.Escalations;

public sealed class EscalationJobTests
{
    [Fact]
    public async Task Scan_OverdueTicket_TellsResponsibleThenHeadThenDirectorOnceEach()
    {
        await using var bed = await JobsBed.CreateAsync();
        var t = await TicketAsync(bed);

        // En atención since Monday 09:00, 16 business hours: due Wednesday 09:00.
        bed.SetLocal(2026, 3, 4, 8, 59);
        Assert.Equal(0, await ScanAsync(bed));
        bed.SetLocal(2026, 3, 4, 9, 1);
        Assert.Equal(1, await ScanAsync(bed));
        Assert.Equal(0, await ScanAsync(bed));
        bed.SetLocal(2026, 3, 5, 8, 59);
        Assert.Equal(0, await ScanAsync(bed));
        bed.SetLocal(2026, 3, 5, 9, 1);
        Assert.Equal(1, await ScanAsync(bed));
        bed.SetLocal(2026, 3, 6, 9, 1);
        Assert.Equal(1, await ScanAsync(bed));
        bed.SetLocal(2026, 3, 13, 9, 1);
        Assert.Equal(0, await ScanAsync(bed));
        await bed.RestartAsync(start: false);
        Assert.Equal(0, await ScanAsync(bed));

        var sent = (await bed.OutboxAsync()).Where(m => m.Kind == EscalationJob.Kind).ToList();
        Assert.Equal([t.Technician.PersonId, t.Head.PersonId, t.Director.PersonId], sent.Select(m => m.RecipientId!.Value).ToArray());
        Assert.Contains("Plazo vencido", sent[0].Subject, StringComparison.Ordinal);
        Assert.Contains("Jefe de Infraestructura y HelpDesk", sent[1].Subject, StringComparison.Ordinal);
        Assert.Contains("Dirección", sent[2].Subject, StringComparison.Ordinal);
        Assert.All(sent, m => Assert.Equal(t.Number, m.RequestNumber));
    }

    [Fact]
    public async Task Scan_OverdueThenWaitingOnRequester_PausesAndDoesNotRepeatThresholds()
    {
        await using var bed = await JobsBed.CreateAsync();
        var t = await TicketAsync(bed);
        bed.SetLocal(2026, 3, 4, 10);
        Assert.Equal(1, await ScanAsync(bed));
        await bed.FireAsync(t.Technician, t.Number, "solicitar-informacion", new ActionInput { Text = "¿Qué modelo de impresora es?" });

        // A week waiting on the requester: the clock is stopped, nothing goes up the chain.
        bed.SetLocal(2026, 3, 9, 10);
        Assert.Equal(0, await ScanAsync(bed));
        bed.SetLocal(2026, 3, 11, 10);
        await bed.FireAsync(t.Requester, t.Number, "responder", new ActionInput { Text = "Una HP LaserJet." });

        // Back in the step it left, already overdue: the responsible was told before, so not again;
        // the head's threshold is 8 business hours after the resumed deadline (Thursday 10:00).
        bed.SetLocal(2026, 3, 11, 10, 30);
        Assert.Equal(0, await ScanAsync(bed));
        bed.SetLocal(2026, 3, 12, 10, 1);
        Assert.Equal(1, await ScanAsync(bed));
        Assert.Equal(0, await ScanAsync(bed));

        var sent = (await bed.OutboxAsync()).Where(m => m.Kind == EscalationJob.Kind).Select(m => m.RecipientId!.Value).ToArray();
        Assert.Equal([t.Technician.PersonId, t.Head.PersonId], sent);
    }

    [Fact]
    public async Task Scan_WaitBeforeDeadline_DeadlineMovesByTheTimeWaited()
    {
        await using var bed = await JobsBed.CreateAsync();
        var t = await TicketAsync(bed);
        bed.SetLocal(2026, 3, 2, 10);
        await bed.FireAsync(t.Technician, t.Number, "solicitar-informacion", new ActionInput { Text = "¿Desde cuándo falla?" });
        bed.SetLocal(2026, 3, 9, 9);
        await bed.FireAsync(t.Requester, t.Number, "responder", new ActionInput { Text = "Desde el viernes." });

        // 15 business hours were left: due Tuesday 10 March 16:00, not Wednesday 4 March 09:00.
        bed.SetLocal(2026, 3, 10, 15, 59);
        Assert.Equal(0, await ScanAsync(bed));
        bed.SetLocal(2026, 3, 11, 8, 1);
        Assert.Equal(1, await ScanAsync(bed));
    }

    [Fact]
    public async Task Scan_UnassignedNewApplication_DevHeadFirstThenDirector()
    {
        await using var bed = await JobsBed.CreateAsync();
        var despacho = await bed.Db.PersonAsync("Despacho Superior", Role.Despacho);
        var devHead = await bed.Db.PersonAsync("Jefe Desarrollo", Role.DevHead);
        var infraHead = await bed.Db.PersonAsync("Jefa Infra", Role.InfraHead);
        var director = await bed.Db.PersonAsync("Director", Role.ItDirector);
        bed.Teams.Add(devHead.PersonId, infraHead.PersonId, director.PersonId);
        await bed.Db.Requests(r => r.Opening.OpenAsync(despacho,
            new NewRequest { ProcedureCode = ProcedureCodes.NuevaAplicacion, Title = "Sistema de becas" }, default));

        bed.SetLocal(2026, 3, 6, 9);
        Assert.Equal(3, await ScanAsync(bed));
        var sent = (await bed.OutboxAsync()).Select(m => m.RecipientId!.Value).ToArray();
        Assert.Equal([devHead.PersonId, director.PersonId], sent);
    }

    [Fact]
    public async Task Scan_VisitNotDoneInTime_EscalatesToTechnicianInfraHeadAndDirector()
    {
        await using var bed = await JobsBed.CreateAsync();
        var scene = await MaintenanceScene.CreateAsync(bed);
        var visit = await scene.AddVisitAsync(bed, JobsBed.Local(2026, 3, 10, 10));
        await scene.ApproveAsync(bed);
        await bed.RunAsync<MaintenanceJob, int>(j => j.NotifyVisitsAsync(default));

        bed.SetLocal(2026, 3, 11, 9, 59);
        Assert.Equal(0, await ScanAsync(bed));
        bed.SetLocal(2026, 3, 11, 10, 1);
        Assert.Equal(1, await ScanAsync(bed));
        bed.SetLocal(2026, 3, 13, 10, 1);
        Assert.Equal(2, await ScanAsync(bed));
        Assert.Equal(0, await ScanAsync(bed));

        var sent = (await bed.OutboxAsync()).Where(m => m.Kind == EscalationJob.Kind).ToList();
        Assert.Equal([scene.Technician.PersonId, scene.InfraHead.PersonId, scene.Director.PersonId], sent.Select(m => m.RecipientId!.Value).ToArray());
        Assert.Contains("no se ha registrado como realizada", sent[0].Text, StringComparison.Ordinal);
        Assert.All(sent, m => Assert.Equal(visit, m.RequestNumber));

        // Rescheduled: a new date is a new deadline, escalated afresh once it passes.
        await bed.FireAsync(scene.Assistant, visit, "reprogramar", new ActionInput { Text = "Feriado local", ScheduledFor = JobsBed.Local(2026, 3, 17, 10) });
        bed.SetLocal(2026, 3, 16, 10);
        Assert.Equal(0, await ScanAsync(bed));
        bed.SetLocal(2026, 3, 18, 10, 1);
        Assert.Equal(1, await ScanAsync(bed));
        Assert.Equal(4, await bed.DbAsync(db => db.JobNotices.CountAsync(n => n.Kind == EscalationJob.Kind)));
    }

    private static Task<int> ScanAsync(JobsBed bed) => bed.RunAsync<EscalationJob, int>(j => j.ScanAsync(default));

    private static async Task<Ticket> TicketAsync(JobsBed bed)
    {
        var requester = await bed.Db.PersonAsync("Ana Usuaria");
        var head = await bed.Db.PersonAsync("Rosa Jefa", Role.InfraHead);
        var technician = await bed.Db.PersonAsync("Tito Tecnico", Role.Technician);
        var director = await bed.Db.PersonAsync("Director Informatica", Role.ItDirector);
        bed.Teams.Add(head.PersonId, technician.PersonId, director.PersonId);
        var created = await bed.Db.Requests(r => r.Opening.OpenAsync(requester,
            new NewRequest { ProcedureCode = ProcedureCodes.SoporteTecnico, Title = "Mi impresora no imprime" }, default));
        var number = created.Summary.Number;
        await bed.FireAsync(head, number, "asignar", new ActionInput { AssigneeId = technician.PersonId });
        await bed.FireAsync(technician, number, "atender");
        return new Ticket(number, requester, head, technician, director);
    }

    private sealed record Ticket(string Number, Actor Requester, Actor Head, Actor Technician, Actor Director);
}
