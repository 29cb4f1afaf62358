using System.Globalization;
using PdfSharp.Drawing;
using SosepBot.Documents.Model;

namespace SosepBot.Documents.Pdf;

/// <summary>The preventive-maintenance form the user fills and signs in conformity (DS-UI-03 steps 5–7), one per visit.</summary>
internal static class ConformityPdf
{
    private static readonly string[] Cleaning =
    [
        "Limpieza de teclado",
        "Limpieza de mouse",
        "Limpieza de monitor",
        "Limpieza de CPU (externa e internamente)",
    ];

    private static readonly (string Label, double Fraction)[] Columns =
    [
        ("Equipo", 0.18), ("Marca", 0.14), ("Modelo", 0.15), ("No. de serie", 0.17), ("No. de bien", 0.14), ("Usuario del equipo", 0.22),
    ];

    public static byte[] Render(ConformityData d, DateTimeOffset now)
    {
        using var sheet = new PdfSheet(d.Stamp, $"Mantenimiento preventivo {d.Stamp.Number}", "Formulario de mantenimiento preventivo (DS-UI-03)", now);
        sheet.Letterhead("Unidad de Informática", "FORMULARIO DE MANTENIMIENTO PREVENTIVO DE EQUIPO DE CÓMPUTO",
            "Procedimiento DS-UI-03 · Conformidad del servicio de mantenimiento preventivo");

        sheet.Band("Visita");
        sheet.Row(26,
            ("Unidad", d.Unit, 0.5),
            ("Fecha programada", d.ScheduledFor?.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), 0.25),
            ("Calendarización", d.CalendarNumber, 0.25));
        sheet.Row(26, ("Jefe o director de la unidad", d.UnitHead, 1.0));
        sheet.Row(26,
            ("Técnico de Hardware y Software", d.TechnicianName, 0.5),
            ("Fecha de realización", d.RealizedAt?.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), 0.5));

        sheet.Band("Trabajo realizado");
        sheet.Need(52);
        var y = sheet.Y + 6;
        for (var i = 0; i < Cleaning.Length; i++)
        {
            sheet.CheckBox(sheet.Left + 8 + ((i % 2) * (sheet.ContentWidth / 2)), y + ((i / 2) * 16), d.CleaningDone, Cleaning[i]);
        }

        sheet.Y = y + 34;

        sheet.Band("Equipos atendidos");
        var rowHeight = 18.0;
        sheet.Need(rowHeight * 8);
        var x = sheet.Left;
        foreach (var (label, fraction) in Columns)
        {
            var w = sheet.ContentWidth * fraction;
            sheet.G.DrawRectangle(PdfSheet.Shade, x, sheet.Y, w, 14);
            sheet.G.DrawRectangle(PdfSheet.Line, x, sheet.Y, w, 14);
            sheet.G.DrawString(label, sheet.Label, XBrushes.Black, new XRect(x + 3, sheet.Y + 3, w - 6, 10), XStringFormats.TopLeft);
            x += w;
        }

        sheet.Y += 14;
        var e = d.Equipment;
        string?[]? first = e is null ? null : [e.Kind, e.Brand, e.Model, e.SerialNumber, e.AssetNumber, null];
        for (var row = 0; row < 7; row++)
        {
            x = sheet.Left;
            for (var c = 0; c < Columns.Length; c++)
            {
                var w = sheet.ContentWidth * Columns[c].Fraction;
                sheet.G.DrawRectangle(PdfSheet.Line, x, sheet.Y, w, rowHeight);
                if (row == 0 && first?[c] is { } value)
                {
                    sheet.G.DrawString(value, sheet.Small, XBrushes.Black, new XRect(x + 3, sheet.Y + 5, w - 6, 10), XStringFormats.TopLeft);
                }

                x += w;
            }

            sheet.Y += rowHeight;
        }

        sheet.Band("Observaciones");
        sheet.Paragraph(d.Observations, sheet.Text, minHeight: 50, boxed: true);

        sheet.Y += 6;
        sheet.Paragraph(
            "Hago constar que el servicio de mantenimiento preventivo descrito en este formulario se realizó a mi entera satisfacción " +
            "y que el equipo quedó funcionando.", sheet.Text);
        sheet.Signatures(90, ("Firma y sello del usuario (conformidad)", null), ("Técnico de Hardware y Software", d.TechnicianName));
        sheet.Row(22, ("Nombre del usuario", null, 0.5), ("Fecha", null, 0.5));
        return sheet.Save();
    }
}
