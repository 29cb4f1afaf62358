using System.Globalization;
using SosepBot.Documents.Model;

namespace SosepBot.Documents.Excel;

/// <summary>The IT director's export: one row per request, the time each stayed in each state, and the filter used.</summary>
internal static class RequestExportWorkbook
{
    public const string ListSheet = "Solicitudes";
    public const string StatesSheet = "Tiempo por estado";

    private static readonly string[] Headers =
    [
        "Procedimiento", "Nombre del procedimiento", "Número", "Asunto", "Solicitante", "Estado", "Asignado a",
        "Creada", "Actualizada", "Cerrada", "Vence", "Vencida", "Tiempo por estado (horas hábiles)",
    ];

    public static byte[] Render(IReadOnlyList<ExportRow> rows, IReadOnlyList<string> filter, DateTime generatedAt)
    {
        using var book = new WorkbookBuilder("Solicitudes de la Unidad de Informática", "SOSEP — Unidad de Informática");
        var list = book.AddSheet(ListSheet);
        list.Landscape = true;
        list.FrozenRows = 1;
        double[] widths = [12, 30, 16, 40, 26, 22, 26, 16, 16, 16, 16, 9, 60];
        for (var c = 0; c < Headers.Length; c++)
        {
            list.Width(c + 1, widths[c]).Text(1, c + 1, Headers[c], CellStyle.Header);
        }

        var r = 2;
        foreach (var row in rows)
        {
            list.Text(r, 1, row.ProcedureCode, CellStyle.Boxed).Text(r, 2, row.ProcedureName, CellStyle.Boxed)
                .Text(r, 3, row.Number, CellStyle.Boxed).Text(r, 4, row.Title, CellStyle.Boxed)
                .Text(r, 5, row.Requester, CellStyle.Boxed).Text(r, 6, row.State, CellStyle.Boxed)
                .Text(r, 7, row.Assignee, CellStyle.Boxed)
                .Date(r, 8, row.Created).Date(r, 9, row.Updated).Date(r, 10, row.Closed).Date(r, 11, row.Due)
                .Text(r, 12, row.Overdue ? "Sí" : "No", CellStyle.Boxed)
                .Text(r, 13, Summary(row.States), CellStyle.Boxed);
            r++;
        }

        list.AutoFilter = $"A1:{SheetBuilder.Reference(Math.Max(1, r - 1), Headers.Length)}";

        var states = book.AddSheet(StatesSheet);
        states.FrozenRows = 1;
        string[] stateHeaders = ["Número", "Procedimiento", "Estado", "Entró", "Salió", "Horas hábiles", "Horas calendario"];
        double[] stateWidths = [16, 12, 26, 16, 16, 13, 15];
        for (var c = 0; c < stateHeaders.Length; c++)
        {
            states.Width(c + 1, stateWidths[c]).Text(1, c + 1, stateHeaders[c], CellStyle.Header);
        }

        var s = 2;
        foreach (var row in rows)
        {
            foreach (var span in row.States)
            {
                states.Text(s, 1, row.Number, CellStyle.Boxed).Text(s, 2, row.ProcedureCode, CellStyle.Boxed).Text(s, 3, span.State, CellStyle.Boxed)
                    .Date(s, 4, span.Entered).Date(s, 5, span.Left)
                    .Number(s, 6, Math.Round(span.BusinessHours, 1)).Number(s, 7, Math.Round(span.CalendarHours, 1));
                s++;
            }
        }

        states.AutoFilter = $"A1:{SheetBuilder.Reference(Math.Max(1, s - 1), stateHeaders.Length)}";

        var about = book.AddSheet("Filtro");
        about.Width(1, 30).Width(2, 60);
        about.Text(1, 1, "Solicitudes de la Unidad de Informática — SOSEP", CellStyle.Title).Merge(1, 1, 2);
        about.Text(3, 1, "Generado", CellStyle.Label).Date(3, 2, generatedAt);
        about.Text(4, 1, "Solicitudes", CellStyle.Label).Number(4, 2, rows.Count, CellStyle.Boxed);
        var line = 5;
        foreach (var f in filter)
        {
            about.Text(line, 1, line == 5 ? "Filtro" : null, CellStyle.Label).Text(line, 2, f, CellStyle.Boxed);
            line++;
        }

        about.Text(line + 1, 1, "Las horas hábiles siguen el calendario de días y horas hábiles de la Unidad (feriados de Guatemala incluidos).", CellStyle.Note).Merge(line + 1, 1, 2);
        return book.Save();
    }

    public static string Summary(IReadOnlyList<StateSpan> states) =>
        string.Join("; ", states.GroupBy(s => s.State)
            .Select(g => $"{g.Key}: {g.Sum(s => s.BusinessHours).ToString("0.0", CultureInfo.InvariantCulture)} h"));
}
