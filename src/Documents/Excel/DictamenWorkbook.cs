using SosepBot.Documents.Model;

namespace SosepBot.Documents.Excel;

/// <summary>The dictamen técnico as the assistant's Excel (DS-UI-05 step 4): the data on "Dictamen", the photos on "Fotografías" (the back).</summary>
internal static class DictamenWorkbook
{
    public const string FrontSheet = "Dictamen";
    public const string BackSheet = "Fotografías";

    private const int PictureWidth = 340;
    private const int PictureHeight = 255;

    public static byte[] Render(DictamenData d)
    {
        using var book = new WorkbookBuilder($"Dictamen técnico {d.Stamp.Number}", "SOSEP — Unidad de Informática");
        Front(book.AddSheet(FrontSheet), d);
        Back(book.AddSheet(BackSheet), d);
        return book.Save();
    }

    private static void Front(SheetBuilder s, DictamenData d)
    {
        s.Width(1, 22).Width(2, 30).Width(3, 22).Width(4, 30);
        s.Text(1, 1, "SOSEP — Secretaría de Obras Sociales de la Esposa del Presidente de la República", CellStyle.Title).Merge(1, 1, 4);
        s.Text(2, 1, "Unidad de Informática", CellStyle.Bold).Merge(2, 1, 4);
        s.Text(3, 1, "DICTAMEN TÉCNICO", CellStyle.Title).Merge(3, 1, 4);
        Pair(s, 4, "No. de solicitud", d.Stamp.Number, "Fecha", d.Stamp.DateText);
        Pair(s, 5, "Versión", d.Stamp.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), "Procedimiento", "DS-UI-05");

        Pair(s, 7, "Solicitante", d.RequesterName, "Unidad", d.RequesterUnit);
        s.Text(8, 1, "Asunto", CellStyle.Label).Text(8, 2, d.Title, CellStyle.Value).Text(8, 3, null, CellStyle.Value).Text(8, 4, null, CellStyle.Value).Merge(8, 2, 4);

        s.Text(10, 1, "Datos del bien", CellStyle.Header).Merge(10, 1, 4);
        var e = d.Equipment;
        Pair(s, 11, "Tipo de equipo", e.Kind, "Marca", e.Brand);
        Pair(s, 12, "Modelo", e.Model, "Color", e.Colour);
        Pair(s, 13, "Número de serie", e.SerialNumber, "Número de bien", e.AssetNumber);

        Block(s, 15, "Hallazgos de la revisión", e.Findings);
        Block(s, 18, "Diagnóstico", e.Diagnosis);

        var placed = d.Photos.Count(p => p.Info is not null);
        s.Text(21, 1, placed == 0
            ? "El dictamen no tiene fotografías del equipo."
            : $"Al reverso (hoja «{BackSheet}»): {placed} fotografía(s) del equipo.", CellStyle.Note).Merge(21, 1, 4);

        s.Text(23, 1, "Técnico de Hardware y Software", CellStyle.Header).Text(23, 2, null, CellStyle.Header).Merge(23, 1, 2);
        s.Text(23, 3, "Director Unidad de Informática", CellStyle.Header).Text(23, 4, null, CellStyle.Header).Merge(23, 3, 4);
        for (var c = 1; c <= 4; c++)
        {
            s.Text(24, c, null, CellStyle.Boxed).Text(25, c, null, CellStyle.Boxed);
        }

        s.Height(24, 60).Merge(24, 1, 2).Merge(24, 3, 4);
        s.Text(25, 1, d.TechnicianName, CellStyle.Boxed).Merge(25, 1, 2);
        s.Text(25, 3, d.DirectorName, CellStyle.Boxed).Merge(25, 3, 4);
        s.Text(27, 1, d.Stamp.Footer, CellStyle.Note).Merge(27, 1, 4);
    }

    private static void Back(SheetBuilder s, DictamenData d)
    {
        s.Width(1, 50).Width(2, 50);
        s.Text(1, 1, $"Fotografías del equipo — dictamen {d.Stamp.Number}", CellStyle.Title).Merge(1, 1, 2);
        var row = 3;
        for (var i = 0; i < d.Photos.Count; i += 2)
        {
            for (var j = 0; j < 2 && i + j < d.Photos.Count; j++)
            {
                var photo = d.Photos[i + j];
                var caption = $"Fotografía {i + j + 1}: {photo.FileName}";
                if (photo.Info is not { } info)
                {
                    s.Text(row, j + 1, caption + " (formato no admitido en Excel; consulte el archivo adjunto)", CellStyle.Note);
                    continue;
                }

                s.Text(row, j + 1, caption, CellStyle.Bold);
                var scale = Math.Min((double)PictureWidth / info.DisplayWidth, (double)PictureHeight / info.DisplayHeight);
                s.Picture(photo.Data, info, row + 1, j + 1, (int)Math.Round(info.DisplayWidth * scale), (int)Math.Round(info.DisplayHeight * scale),
                    $"Fotografía {i + j + 1}", photo.FileName);
            }

            s.Height(row + 1, (PictureHeight + 8) * 72.0 / 96.0);
            row += 3;
        }
    }

    private static void Pair(SheetBuilder s, int row, string label1, string? value1, string label2, string? value2) =>
        s.Text(row, 1, label1, CellStyle.Label).Text(row, 2, value1, CellStyle.Value)
            .Text(row, 3, label2, CellStyle.Label).Text(row, 4, value2, CellStyle.Value);

    private static void Block(SheetBuilder s, int row, string label, string? text)
    {
        s.Text(row, 1, label, CellStyle.Header).Merge(row, 1, 4);
        s.Text(row + 1, 1, text, CellStyle.Value);
        for (var c = 2; c <= 4; c++)
        {
            s.Text(row + 1, c, null, CellStyle.Value);
        }

        s.Merge(row + 1, 1, 4).Height(row + 1, Math.Clamp(15 * (1 + ((text?.Length ?? 0) / 90)), 45, 300));
    }
}
