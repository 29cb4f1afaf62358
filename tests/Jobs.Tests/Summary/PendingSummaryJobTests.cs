using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Jobs.Summary;

namespace SosepBot.Jobs.Tests.Summary;

public sealed class PendingSummaryJobTests
{
    [Fact]
    public async Task Run_BusinessDay_TellsEachPersonWhatWaitsOnThemOverdueFirstOnce()
    {
        await using var bed = await JobsBed.CreateAsync();
        var user = await bed.Db.PersonAsync("Ana Usuaria");
        var head = await bed.Db.PersonAsync("Rosa Jefa", Role.InfraHead);
        var tech = await bed.Db.PersonAsync("Tito Tecnico", Role.Technician);
        var dev = await bed.Db.PersonAsync("Dora Analista", Role.Developer);
        bed.Mail.Add(user.PersonId, head.PersonId, tech.PersonId, dev.PersonId);
        bed.SetLocal(2026, 3, 2, 10); // Monday
        var old = await OpenAsync(bed, user, "Sin red en la bodega");
        bed.SetLocal(2026, 3, 3, 8);
        var fresh = await OpenAsync(bed, user, "El monitor parpadea");
        var resolved = await OpenAsync(bed, user, "No imprime");
        await bed.FireAsync(tech, resolved, "tomar");
        await bed.FireAsync(tech, resolved, "resolver", new ActionInput { Text = "Se cambió el tóner." });
        bed.SetLocal(2026, 3, 3, 11);

        var run = await bed.RunAsync<PendingSummaryJob, PendingSummaryRun>(j => j.RunAsync(default));
        var again = await bed.RunAsync<PendingSummaryJob, PendingSummaryRun>(j => j.RunAsync(default));

        Assert.Equal(new PendingSummaryRun(true, 3, 5), run);   // head: 2 to assign; tech: 2 to take; Ana: 1 to confirm
        Assert.Equal(new PendingSummaryRun(true, 0, 0), again);
        var sent = (await bed.OutboxAsync()).Where(m => m.Kind == PendingSummaryJob.Kind).ToList();
        Assert.Equal([user.PersonId, head.PersonId, tech.PersonId], sent.Select(m => m.RecipientId!.Value).Order());
        var toHead = sent.Single(m => m.RecipientId == head.PersonId);
        Assert.Equal("Sus pendientes: 2 solicitudes, 1 vencida — martes 3 de marzo de 2026", toHead.Subject);
        var lines = toHead.Text.Split('\n').Where(l => l.StartsWith('•')).ToList();
        Assert.StartsWith($"• VENCIDA · {old} · Soporte técnico · asignar técnico · vence el", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"• {fresh} · Soporte técnico · asignar técnico", lines[1], StringComparison.Ordinal);
        Assert.Contains($"{resolved} · Soporte técnico · reabrir o cerrar el ticket", sent.Single(m => m.RecipientId == user.PersonId).Text, StringComparison.Ordinal);
        Assert.DoesNotContain(sent, m => m.RecipientId == dev.PersonId);
    }

    [Fact]
    public async Task Run_PersonChoseSummaryOnly_StillGetsTheSummary()
    {
        await using var bed = await JobsBed.CreateAsync();
        var user = await bed.Db.PersonAsync("Ana Usuaria");
        var head = await bed.Db.PersonAsync("Rosa Jefa", Role.InfraHead);
        bed.Mail.Add(head.PersonId);
        await bed.DbAsync(db => db.People.Where(p => p.Id == head.PersonId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Notices, NoticeMode.SummaryOnly)));
        bed.SetLocal(2026, 3, 3, 8);
        await OpenAsync(bed, user, "Sin red");

        var run = await bed.RunAsync<PendingSummaryJob, PendingSummaryRun>(j => j.RunAsync(default));

        Assert.Equal(1, run.People);
        Assert.Single(await bed.OutboxAsync(), m => m.Kind == PendingSummaryJob.Kind && m.RecipientId == head.PersonId && m.Status == OutboxStatus.Pending);
    }

    [Fact]
    public async Task Run_Saturday_SendsNothing()
    {
        await using var bed = await JobsBed.CreateAsync();
        var user = await bed.Db.PersonAsync("Ana Usuaria");
        var head = await bed.Db.PersonAsync("Rosa Jefa", Role.InfraHead);
        bed.Mail.Add(head.PersonId);
        bed.SetLocal(2026, 3, 6, 8);
        await OpenAsync(bed, user, "Sin red");
        bed.SetLocal(2026, 3, 7, 8);

        var run = await bed.RunAsync<PendingSummaryJob, PendingSummaryRun>(j => j.RunAsync(default));

        Assert.False(run.BusinessDay);
        Assert.DoesNotContain(await bed.OutboxAsync(), m => m.Kind == PendingSummaryJob.Kind);
    }

    private static async Task<string> OpenAsync(JobsBed bed, Actor user, string title) =>
        (await bed.Db.Requests(s => s.Opening.OpenAsync(user with { Channel = Channel.Teams }, new NewRequest { ProcedureCode = ProcedureCodes.SoporteTecnico, Title = title }, default)))
        .Summary.Number;
}
