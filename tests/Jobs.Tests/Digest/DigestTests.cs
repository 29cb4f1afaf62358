using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Jobs.Digest;

namespace SosepBot.Jobs.Tests.Digest;

public sealed class DigestTests
{
    private static readonly string[] Codes = [ProcedureCodes.SoporteTecnico, ProcedureCodes.SoporteSedes, ProcedureCodes.DictamenTecnico, ProcedureCodes.UsuarioDominio];

    [Fact]
    public async Task Build_SeededMonth_NumbersMatchDirectCounts()
    {
        await using var bed = await JobsBed.CreateAsync();
        var seeded = await SeedMonthAsync(bed);
        var now = bed.Time.GetUtcNow();
        var from = JobsBed.Local(2026, 2, 1, 0);
        var to = JobsBed.Local(2026, 3, 1, 0);

        var report = await bed.RunAsync<DigestBuilder, DigestReport>(b => b.BuildAsync("mensual", from, to, default));

        var all = seeded.Requests;
        foreach (var code in Codes)
        {
            var line = Assert.Single(report.Procedures, p => p.Code == code);
            var mine = all.Where(r => r.ProcedureCode == code).ToList();
            Assert.Equal(mine.Count(r => r.CreatedAt >= from && r.CreatedAt < to), line.Opened);
            Assert.Equal(mine.Count(r => r.ClosedAt >= from && r.ClosedAt < to), line.Closed);
            Assert.Equal(mine.Count(r => r.ClosedAt is null), line.Open);
            Assert.Equal(mine.Count(r => r.ClosedAt is null && r.DueAt < now), line.Overdue);
        }

        Assert.True(report.Opened > 100 && report.Closed > 50 && report.Overdue > 10, "the seed covers every case");
        // Counted by plain SQL on the stored rows, with the instants as the engine stores them (SQLite: UTC ticks).
        var direct = await bed.DbAsync(db =>
        {
            var requests = SosepBot.Core.Persistence.ModelSql.For<Request>(db);
            var created = requests.Column(nameof(Request.CreatedAt));
            var converter = requests.Converter(nameof(Request.CreatedAt));
            object Stored(DateTimeOffset at) => converter?.ConvertToProvider(at) ?? at;
            var sql = "SELECT COUNT(*) AS \"Value\" FROM " + requests.Table + " WHERE " + created + " >= {0} AND " + created + " < {1}";
            return db.Database.SqlQueryRaw<int>(sql, Stored(from), Stored(to)).SingleAsync();
        });
        Assert.Equal(direct, report.Opened);

        var overdue = all.Where(r => r.ClosedAt is null && r.DueAt < now).OrderBy(r => r.DueAt).First();
        Assert.Equal(overdue.Number, report.OldestOverdue[0].Number);
        Assert.Equal(all.Where(r => r.ClosedAt is null).OrderBy(r => r.CreatedAt).First().Number, report.OldestOpen[0].Number);
        foreach (var (id, name) in seeded.Technicians)
        {
            var line = Assert.Single(report.Workload, w => w.Name == name);
            Assert.Equal(all.Count(r => r.ClosedAt is null && r.AssigneeId == id), line.Open);
            Assert.Equal(all.Count(r => r.ClosedAt is null && r.AssigneeId == id && r.DueAt < now), line.Overdue);
        }

        var visits = all.Where(r => r.ProcedureCode == ProcedureCodes.VisitaMantenimiento && r.ClosedAt is null).ToList();
        Assert.Equal(visits.Count(v => v.ScheduledFor >= now && v.ScheduledFor < now.AddDays(7)), report.UpcomingVisitCount);
        Assert.Equal(visits.Count(v => v.ScheduledFor < now), report.LateVisits);
        Assert.True(report.UpcomingVisitCount > 0 && report.LateVisits > 0);
        Assert.Equal(3, report.DeadLetters);

        var text = DigestRenderer.Text(report, TimeZoneInfo.FindSystemTimeZoneById("America/Guatemala"));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Solicitudes abiertas en el período: {report.Opened}; cerradas: {report.Closed}."), text, StringComparison.Ordinal);
        Assert.Contains("Mensajes no entregados (cartas muertas): 3.", text, StringComparison.Ordinal);
        Assert.DoesNotContain(DigestRenderer.NothingNewLine, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendDaily_NothingNew_SaysSoInOneLineByMailAndTeams()
    {
        await using var bed = await JobsBed.CreateAsync();
        var director = await bed.Db.PersonAsync("Director Informatica", Role.ItDirector);
        bed.Mail.Add(director.PersonId);
        bed.Teams.Add(director.PersonId);
        bed.SetLocal(2026, 3, 3, 7);

        await bed.RunAsync<DigestJob, int>(async j => { await j.SendDailyAsync(default); return 0; });

        var messages = await bed.OutboxAsync();
        Assert.Equal(2, messages.Count);
        var mail = Assert.Single(messages, m => m.Channel == OutboxChannel.Mail);
        var teams = Assert.Single(messages, m => m.Channel == OutboxChannel.Teams);
        Assert.Equal(1, mail.Text.Split('\n').Count(l => l.Contains(DigestRenderer.NothingNewLine, StringComparison.Ordinal)));
        Assert.Contains(DigestRenderer.NothingNewLine, mail.Html, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", mail.Html, StringComparison.Ordinal);
        Assert.Equal("Resumen diario de la mesa de ayuda — martes 3 de marzo de 2026", mail.Subject);
        using var card = JsonDocument.Parse(teams.Payload!);
        Assert.Equal("AdaptiveCard", card.RootElement.GetProperty("type").GetString());
        Assert.Contains(DigestRenderer.NothingNewLine, teams.Payload, StringComparison.Ordinal);
        Assert.Null(teams.Html);
    }

    [Fact]
    public async Task SendDaily_TwiceAndAfterRestart_SendsOnce()
    {
        await using var bed = await JobsBed.CreateAsync(new Dictionary<string, string?> { ["Jobs:Digest:Recipients:0"] = "jefaresumen@sosep.gob.gt" });
        await bed.Db.PersonAsync("Director Informatica", Role.ItDirector);
        var chosen = await bed.Db.PersonAsync("Jefa Resumen", Role.InfraHead);
        bed.Mail.Add(chosen.PersonId);
        bed.SetLocal(2026, 3, 3, 7);

        await bed.RunAsync<DigestJob, int>(async j => { await j.SendDailyAsync(default); return 0; });
        await bed.RunAsync<DigestJob, int>(async j => { await j.SendDailyAsync(default); return 0; });
        await bed.RestartAsync(start: false);
        await bed.RunAsync<DigestJob, int>(async j => { await j.SendDailyAsync(default); return 0; });
        await bed.RunAsync<DigestJob, int>(async j => { await j.SendWeeklyAsync(default); return 0; });

        var messages = await bed.OutboxAsync();
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Equal(chosen.PersonId, m.RecipientId));
        Assert.Equal(["resumen-diario", "resumen-semanal"], messages.Select(m => m.Kind).ToArray());
    }

    [Fact]
    public async Task SendDaily_HolyThursday_SendsNothing()
    {
        await using var bed = await JobsBed.CreateAsync();
        var director = await bed.Db.PersonAsync("Director Informatica", Role.ItDirector);
        bed.Mail.Add(director.PersonId);
        bed.SetLocal(2026, 4, 2, 7);
        await bed.RunAsync<DigestJob, int>(async j => { await j.SendDailyAsync(default); return 0; });
        Assert.Empty(await bed.OutboxAsync());
        bed.SetLocal(2026, 4, 6, 7);
        await bed.RunAsync<DigestJob, int>(async j => { await j.SendDailyAsync(default); return 0; });
        Assert.Single(await bed.OutboxAsync());
    }

    /// <summary>February 2026 of requests (opened, closed, open, overdue), a calendar with visits and dead letters.</summary>
    private static async Task<Seeded> SeedMonthAsync(JobsBed bed)
    {
        var requester = await bed.Db.PersonAsync("Ana Usuaria");
        var technicians = new List<(long, string)>();
        foreach (var name in new[] { "Tito Tecnico", "Lula Tecnica", "Beto Tecnico" })
        {
            technicians.Add(((await bed.Db.PersonAsync(name, Role.Technician)).PersonId, name));
        }

        var now = bed.Time.GetUtcNow();
        var start = JobsBed.Local(2026, 1, 25, 0);
        var random = new Random(20260302);
        var requests = new List<Request>();
        for (var i = 1; i <= 400; i++)
        {
            var created = start + TimeSpan.FromMinutes(random.Next((int)(now - start).TotalMinutes));
            DateTimeOffset? closed = random.NextDouble() < 0.6 ? created + TimeSpan.FromHours(random.Next(1, 200)) : null;
            if (closed > now)
            {
                closed = null;
            }

            requests.Add(New(i, Codes[random.Next(Codes.Length)], requester.PersonId, created, closed,
                random.NextDouble() < 0.8 ? technicians[random.Next(3)].Item1 : null,
                closed is null ? created + TimeSpan.FromHours(random.Next(1, 300)) : null));
        }

        var calendar = New(401, ProcedureCodes.MantenimientoPreventivo, requester.PersonId, start, null, null, null);
        await bed.DbAsync(async db =>
        {
            db.Requests.AddRange(requests);
            db.Requests.Add(calendar);
            await db.SaveChangesAsync();
            return 0;
        });
        var visits = new List<Request>();
        for (var i = 402; i < 430; i++)
        {
            var visit = New(i, ProcedureCodes.VisitaMantenimiento, requester.PersonId, start, random.NextDouble() < 0.2 ? now.AddDays(-1) : null,
                technicians[random.Next(3)].Item1, null);
            visit.ParentId = calendar.Id;
            visit.State = visit.ClosedAt is null ? "Notificada" : "Archivada";
            visit.ScheduledFor = now + TimeSpan.FromHours(random.Next(-120, 400));
            visits.Add(visit);
        }

        await bed.DbAsync(async db =>
        {
            db.Requests.AddRange(visits);
            for (var i = 0; i < 5; i++)
            {
                db.OutboxMessages.Add(new OutboxMessage
                {
                    Channel = OutboxChannel.Mail, DedupKey = $"seed:{i}", Kind = "estado", Recipient = "ana@sosep.gob.gt",
                    Subject = "x", Text = "x", CreatedAt = now, NextAttemptAt = now,
                    Status = i < 3 ? OutboxStatus.DeadLettered : OutboxStatus.Delivered, LastError = "550 buzón inexistente",
                });
            }

            await db.SaveChangesAsync();
            return 0;
        });
        return new Seeded([.. requests, calendar, .. visits], technicians);
    }

    private static Request New(int i, string code, long requester, DateTimeOffset created, DateTimeOffset? closed, long? assignee, DateTimeOffset? due) => new()
    {
        Number = string.Create(CultureInfo.InvariantCulture, $"UI-2026-{i:D5}"),
        ProcedureCode = code,
        State = closed is null ? "Abierto" : "Cerrado",
        Title = string.Create(CultureInfo.InvariantCulture, $"Solicitud {i}"),
        RequesterId = requester,
        AssigneeId = assignee,
        CreatedAt = created,
        UpdatedAt = created,
        StateEnteredAt = created,
        ClosedAt = closed,
        DueAt = due,
    };

    private sealed record Seeded(List<Request> Requests, List<(long Id, string Name)> Technicians);
}
