using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SosepBot.Core.Dashboard;
using SosepBot.Jobs.Notices;

namespace SosepBot.Jobs.Digest;

/// <summary>The digest as plain text, as clean HTML (no remote content) and as a Teams Adaptive Card.</summary>
public static class DigestRenderer
{
    /// <summary>Size of the weekly chart in the mail, in pixels.</summary>
    public const int ChartWidth = 640;

    public const int ChartHeight = 320;

    public const string NothingNewLine = "Sin novedades: en este período no se abrieron ni se cerraron solicitudes.";

    public static string Subject(DigestReport report, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"Resumen {report.Kind} de la mesa de ayuda — {SpanishText.Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(report.To, zone).DateTime))}";
    }

    /// <summary>The sections as (title, lines); empty sections are left out.</summary>
    public static IReadOnlyList<(string Title, IReadOnlyList<string> Lines)> Sections(DigestReport report, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var sections = new List<(string, IReadOnlyList<string>)>
        {
            ("Resumen", [
                report.NothingNew
                    ? NothingNewLine
                    : string.Create(c, $"Solicitudes abiertas en el período: {report.Opened}; cerradas: {report.Closed}."),
                string.Create(c, $"En curso: {report.Open}; vencidas: {report.Overdue}."),
            ]),
        };
        if (report.Procedures.Count > 0)
        {
            sections.Add(("Por procedimiento (abiertas / cerradas / en curso / vencidas)", report.Procedures
                .Select(p => string.Create(c, $"{p.Code} {p.Name}: {p.Opened} / {p.Closed} / {p.Open} / {p.Overdue}")).ToList()));
        }

        sections.AddRange(FigureSections(report.Figures));
        if (report.OldestOverdue.Count > 0)
        {
            sections.Add(("Vencidas más antiguas", report.OldestOverdue
                .Select(r => $"{r.Number} «{r.Title}» ({r.ProcedureCode}, {r.State}, {r.Assignee ?? "sin asignar"}): venció el {SpanishText.DateTime(r.Since, zone)}, hace {SpanishText.BusinessHours(r.Age)}")
                .ToList()));
        }

        if (report.OldestOpen.Count > 0)
        {
            sections.Add(("Más antiguas en curso", report.OldestOpen
                .Select(r => string.Create(c, $"{r.Number} «{r.Title}» ({r.ProcedureCode}, {r.State}, {r.Assignee ?? "sin asignar"}): abierta hace {(int)r.Age.TotalDays} días"))
                .ToList()));
        }

        if (report.Workload.Count > 0)
        {
            sections.Add(("Carga por técnico (en curso / vencidas)", report.Workload
                .Select(w => string.Create(c, $"{w.Name}: {w.Open} / {w.Overdue}")).ToList()));
        }

        var visits = report.UpcomingVisits
            .Select(v => $"{SpanishText.DateTime(v.ScheduledFor, zone)}: {v.Unit} ({v.Number}, {v.Technician ?? "sin técnico"}, {v.State})").ToList();
        if (report.UpcomingVisitCount > visits.Count)
        {
            visits.Add(string.Create(c, $"… y {report.UpcomingVisitCount - visits.Count} más."));
        }

        if (report.LateVisits > 0)
        {
            visits.Add(string.Create(c, $"Visitas atrasadas (fecha pasada, sin registrar): {report.LateVisits}."));
        }

        if (visits.Count > 0)
        {
            sections.Add((string.Create(c, $"Visitas de mantenimiento en los próximos {report.UpcomingVisitDays} días: {report.UpcomingVisitCount}"), visits));
        }

        var mail = new List<string>();
        if (report.DeadLetters > 0)
        {
            mail.Add(string.Create(c, $"Mensajes no entregados (cartas muertas): {report.DeadLetters}."));
            mail.AddRange(report.RecentDeadLetters.Select(d => $"{d.Kind} {d.RequestNumber ?? string.Empty} por {d.Channel}: {d.Error ?? "sin detalle"}"));
        }

        if (report.Quarantined is > 0)
        {
            mail.Add(string.Create(c, $"Correo en cuarentena: {report.Quarantined}."));
        }

        if (mail.Count > 0)
        {
            sections.Add(("Entrega y correo", mail));
        }

        return sections;
    }

    /// <summary>Trends against the previous period, compliance with the time limits and closures per technician.</summary>
    private static IEnumerable<(string Title, IReadOnlyList<string> Lines)> FigureSections(DirectorFigures f)
    {
        var c = CultureInfo.InvariantCulture;
        yield return ("Tendencia frente al período anterior", [
            string.Create(c, $"Abiertas: {f.Period.Opened} (antes: {f.Previous.Opened}; cambio: {DashboardFormat.Change(f.Period.Opened, f.Previous.Opened)})."),
            string.Create(c, $"Cerradas: {f.Period.Closed} (antes: {f.Previous.Closed}; cambio: {DashboardFormat.Change(f.Period.Closed, f.Previous.Closed)})."),
        ]);
        var period = f.PeriodTotal;
        var window = f.WindowTotal;
        var compliance = new List<string>
        {
            string.Create(c, $"En el período se cerraron {period.Closed}, {period.WithinLimit} dentro del plazo ({DashboardFormat.Percent(period.WithinShare)}); resolución media: {DashboardFormat.Hours(period.AverageBusinessHours)} horas hábiles."),
            string.Create(c, $"En las últimas {f.Weeks.Count} semanas se cerraron {window.Closed}, {window.WithinLimit} dentro del plazo ({DashboardFormat.Percent(window.WithinShare)}); resolución media: {DashboardFormat.Hours(window.AverageBusinessHours)} horas hábiles."),
        };
        compliance.AddRange(f.ByProcedure.Select(p => string.Create(c,
            $"{p.Key} {p.Name}: {p.WithinLimit} de {p.Closed} dentro del plazo ({DashboardFormat.Percent(p.WithinShare)}); {DashboardFormat.Hours(p.AverageBusinessHours)} horas hábiles de media.")));
        yield return ("Cumplimiento de plazos", compliance);
        if (f.PeriodByTechnician.Count > 0)
        {
            yield return ("Cierres por técnico en el período (cerradas / dentro del plazo / horas hábiles de media)", f.PeriodByTechnician
                .Select(t => string.Create(c, $"{t.Name}: {t.Closed} / {t.WithinLimit} ({DashboardFormat.Percent(t.WithinShare)}) / {DashboardFormat.Hours(t.AverageBusinessHours)}"))
                .ToList());
        }
    }

    public static string Text(DigestReport report, TimeZoneInfo zone)
    {
        var sb = new StringBuilder();
        sb.Append(Subject(report, zone)).Append("\n(").Append(Period(report, zone)).Append(")\n");
        foreach (var (title, lines) in Sections(report, zone))
        {
            sb.Append('\n').Append(title).Append(":\n");
            foreach (var line in lines)
            {
                sb.Append("- ").Append(line).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The mail's HTML. <paramref name="chartPng"/>, the weekly chart, goes in as a data URI, which the mail composer sends as
    /// an inline part (multipart/related, Content-ID), so the mail shows it without loading anything remote.
    /// </summary>
    public static string Html(DigestReport report, TimeZoneInfo zone, byte[]? chartPng = null)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"es-GT\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(Subject(report, zone))).Append("</title></head><body style=\"font-family:Segoe UI,Arial,sans-serif\">");
        sb.Append("<h1 style=\"font-size:18px\">").Append(E(Subject(report, zone))).Append("</h1><p>").Append(E(Period(report, zone))).Append("</p>");
        if (chartPng is { Length: > 0 })
        {
            var weeks = report.Figures.Weeks;
            sb.Append(CultureInfo.InvariantCulture, $"<p><img src=\"data:image/png;base64,{Convert.ToBase64String(chartPng)}\" width=\"{ChartWidth}\" height=\"{ChartHeight}\" alt=\"")
                .Append(E(DashboardTexts.WeeklyChartAlt(weeks.Count, weeks.Sum(w => w.Opened), weeks.Sum(w => w.Closed)))).Append("\"></p>");
        }

        foreach (var (title, lines) in Sections(report, zone))
        {
            sb.Append("<h2 style=\"font-size:15px\">").Append(E(title)).Append("</h2><ul>");
            foreach (var line in lines)
            {
                sb.Append("<li>").Append(E(line)).Append("</li>");
            }

            sb.Append("</ul>");
        }

        sb.Append("<p style=\"color:#555\">Unidad de Informática — SOSEP</p></body></html>");
        return sb.ToString();
    }

    /// <summary>An Adaptive Card (1.5) for Teams.</summary>
    public static string Card(DigestReport report, TimeZoneInfo zone)
    {
        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = Subject(report, zone), ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
            new JsonObject { ["type"] = "TextBlock", ["text"] = Period(report, zone), ["isSubtle"] = true, ["wrap"] = true },
        };
        foreach (var (title, lines) in Sections(report, zone))
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = title, ["weight"] = "Bolder", ["wrap"] = true, ["spacing"] = "Medium" });
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = string.Join("\n", lines.Select(l => "- " + l)), ["wrap"] = true });
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["lang"] = "es-GT",
            ["body"] = body,
        };
        return card.ToJsonString(new JsonSerializerOptions { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string Period(DigestReport report, TimeZoneInfo zone) =>
        $"Del {SpanishText.DateTime(report.From, zone)} al {SpanishText.DateTime(report.To, zone)}";

    /// <summary>Escapes markup only; the page is UTF-8, so Spanish letters stay as they are.</summary>
    private static string E(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);
}
