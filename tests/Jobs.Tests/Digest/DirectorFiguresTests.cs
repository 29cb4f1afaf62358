using System.Buffers.Binary;
using System.Text.RegularExpressions;
using SosepBot.Core.Dashboard;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Jobs.Digest;

namespace SosepBot.Jobs.Tests.Digest;

/// <summary>
/// The director's figures on a week of tickets driven through Core with the clock (business hours 08:00–16:00, Guatemala),
/// against answers worked out by hand from the calendar: weeks, business hours, shares within the time limit.
/// </summary>
public sealed partial class DirectorFiguresTests
{
    [Fact]
    public async Task Compute_KnownWeek_MatchesTheHandWorkedFigures()
    {
        await using var bed = await JobsBed.CreateAsync();
        var scene = await SeedAsync(bed);

        var figures = await bed.RunAsync<DirectorDashboard, DirectorFigures>(d => d.ComputeAsync(default));

        // Weeks run Monday to Sunday; the last is the week of Friday 20 March 2026.
        Assert.Equal(12, figures.Weeks.Count);
        Assert.Equal(new DateOnly(2026, 3, 16), figures.Weeks[^1].Monday);
        Assert.Equal(new DateOnly(2025, 12, 29), figures.Weeks[0].Monday);
        Assert.Equal(JobsBed.Local(2026, 3, 16, 0), figures.Weeks[^1].Start);
        Assert.Equal((3, 2), (figures.Weeks[^1].Opened, figures.Weeks[^1].Closed));
        Assert.Equal((1, 0), (figures.Weeks[^2].Opened, figures.Weeks[^2].Closed));
        Assert.All(figures.Weeks.SkipLast(2), w => Assert.Equal((0, 0), (w.Opened, w.Closed)));

        // The last seven days (from Friday 13 March 10:00) against the seven before: D opened on Thursday 12.
        Assert.Equal(new DirectorFigures.PeriodCounts(3, 2), figures.Period);
        Assert.Equal(new DirectorFigures.PeriodCounts(1, 0), figures.Previous);

        var backlog = Assert.Single(figures.Backlog);
        Assert.Equal((ProcedureCodes.SoporteTecnico, "Abierto", 2, 2), (backlog.Code, backlog.State, backlog.Open, backlog.Overdue));

        // A: Monday 09:00 → Tuesday 15:00 = 7 h + 7 h = 14 business hours, every step in time.
        // B: Monday 09:30 → Tuesday 10:00 = 6.5 h + 2 h = 8.5 business hours; taken at 15:00, after «Abierto» ended at 13:30.
        var procedure = Assert.Single(figures.ByProcedure);
        Assert.Equal((2, 1, 2), (procedure.Closed, procedure.WithinLimit, procedure.Timed));
        Assert.Equal(0.5, procedure.WithinShare);
        Assert.Equal((14 + 8.5) / 2, procedure.AverageBusinessHours);
        var tito = Assert.Single(figures.ByTechnician, t => t.Name == "Tito Tecnico");
        var lula = Assert.Single(figures.ByTechnician, t => t.Name == "Lula Tecnica");
        Assert.Equal((1, 1, 14.0), (tito.Closed, tito.WithinLimit, tito.AverageBusinessHours));
        Assert.Equal((1, 0, 8.5), (lula.Closed, lula.WithinLimit, lula.AverageBusinessHours));
        Assert.Equal(figures.ByTechnician, figures.PeriodByTechnician);

        // D was due Thursday 12 March 14:00: 2 h that day, 8 h on Friday 13, 4 × 8 h Monday to Thursday, 2 h on Friday 20.
        Assert.Equal([scene.D, scene.C], figures.OldestOverdue.Select(o => o.Number).ToArray());
        Assert.Equal(TimeSpan.FromHours(44), figures.OldestOverdue[0].Overdue);
        Assert.Equal(TimeSpan.FromHours(3 + 8 + 2), figures.OldestOverdue[1].Overdue); // C: due Wednesday 13:00; Friday 10:00 now
    }

    [Fact]
    public async Task SendWeekly_DirectorsMail_CarriesTheChartAndTheFigures_AndTheCardTheFigures()
    {
        await using var bed = await JobsBed.CreateAsync();
        await SeedAsync(bed);
        var director = await bed.Db.PersonAsync("Director Informatica", Role.ItDirector);
        bed.Mail.Add(director.PersonId);
        bed.Teams.Add(director.PersonId);

        await bed.RunAsync<DigestJob, DigestRun>(j => j.SendWeeklyAsync(default));

        var messages = await bed.OutboxAsync();
        var mail = Assert.Single(messages, m => m.Channel == OutboxChannel.Mail);
        var teams = Assert.Single(messages, m => m.Channel == OutboxChannel.Teams);
        var image = DataImage().Match(mail.Html!);
        Assert.True(image.Success, "the weekly chart is in the mail's HTML");
        var png = Convert.FromBase64String(image.Groups["data"].Value);
        Assert.Equal((DigestRenderer.ChartWidth, DigestRenderer.ChartHeight), PngSize(png));
        Assert.Contains("alt=\"Gráfica de barras de las últimas 12 semanas: se abrieron 4 solicitudes y se cerraron 2;", mail.Html, StringComparison.Ordinal);
        string[] figures =
        [
            "Abiertas: 3 (antes: 1; cambio: +200 %).",
            "Cerradas: 2 (antes: 0; cambio: —).",
            "En el período se cerraron 2, 1 dentro del plazo (50 %); resolución media: 11.3 horas hábiles.",
            "Tito Tecnico: 1 / 1 (100 %) / 14",
            "Lula Tecnica: 1 / 0 (0 %) / 8.5",
        ];
        foreach (var line in figures)
        {
            Assert.Contains(line, mail.Text, StringComparison.Ordinal);
            Assert.Contains(line, System.Net.WebUtility.HtmlDecode(mail.Html), StringComparison.Ordinal);
            Assert.Contains(line, teams.Payload, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("data:image", teams.Payload, StringComparison.Ordinal);
    }

    /// <summary>The width and height in a PNG's IHDR chunk, after checking the signature.</summary>
    internal static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    /// <summary>
    /// A: opened Monday 16 March 2026 09:00, taken 10:00, resolved Tuesday 11:00, closed Tuesday 15:00 (Tito).
    /// B: opened Monday 09:30, taken 15:00 (late), resolved Tuesday 09:00, closed 10:00 (Lula).
    /// C: opened Wednesday 18 March 09:00, left open. D: opened Thursday 12 March 10:00, left open. Now: Friday 20 March 10:00 (the test clock starts on Monday 2 March).
    /// </summary>
    private static async Task<Scene> SeedAsync(JobsBed bed)
    {
        var ana = await bed.Db.PersonAsync("Ana Usuaria");
        var tito = await bed.Db.PersonAsync("Tito Tecnico", Role.Technician);
        var lula = await bed.Db.PersonAsync("Lula Tecnica", Role.Technician);
        async Task<string> OpenAsync(string title) => (await bed.Db.Requests(r => r.Opening.OpenAsync(ana,
            new NewRequest { ProcedureCode = ProcedureCodes.SoporteTecnico, Title = title }, default))).Number;
        var solution = new ActionInput { Text = "Se cambió el cable." };

        bed.SetLocal(2026, 3, 12, 10);
        var d = await OpenAsync("D: el teclado no responde");
        bed.SetLocal(2026, 3, 16, 9);
        var a = await OpenAsync("A: no imprime");
        bed.SetLocal(2026, 3, 16, 9, 30);
        var b = await OpenAsync("B: sin red");
        bed.SetLocal(2026, 3, 16, 10);
        await bed.FireAsync(tito, a, "tomar");
        bed.SetLocal(2026, 3, 16, 15);
        await bed.FireAsync(lula, b, "tomar");
        bed.SetLocal(2026, 3, 17, 9);
        await bed.FireAsync(lula, b, "resolver", solution);
        bed.SetLocal(2026, 3, 17, 10);
        await bed.FireAsync(ana, b, "cerrar");
        bed.SetLocal(2026, 3, 17, 11);
        await bed.FireAsync(tito, a, "resolver", solution);
        bed.SetLocal(2026, 3, 17, 15);
        await bed.FireAsync(ana, a, "cerrar");
        bed.SetLocal(2026, 3, 18, 9);
        var c = await OpenAsync("C: pantalla azul");
        bed.SetLocal(2026, 3, 20, 10);
        return new Scene(a, b, c, d);
    }

    [GeneratedRegex("src=\"data:image/png;base64,(?<data>[A-Za-z0-9+/=]+)\"")]
    private static partial Regex DataImage();

    private sealed record Scene(string A, string B, string C, string D);
}
