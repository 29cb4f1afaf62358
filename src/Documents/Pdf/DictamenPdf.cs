using PdfSharp.Drawing;
using SosepBot.Documents.Model;

namespace SosepBot.Documents.Pdf;

/// <summary>The dictamen técnico for printing and signing: data on the front, photos on the back (DS-UI-05 step 4).</summary>
internal static class DictamenPdf
{
    public static byte[] Render(DictamenData d, DateTimeOffset now)
    {
        using var sheet = new PdfSheet(d.Stamp, $"Dictamen técnico {d.Stamp.Number}", "Dictamen técnico de equipo (DS-UI-05)", now);
        sheet.Letterhead("Unidad de Informática", "DICTAMEN TÉCNICO", "Procedimiento DS-UI-05 · Elaboración de dictamen técnico");

        sheet.Band("Solicitud");
        sheet.Row(26, ("Solicitante", d.RequesterName, 0.5), ("Unidad", d.RequesterUnit, 0.5));
        sheet.Row(26, ("Asunto", d.Title, 1.0));

        var e = d.Equipment;
        sheet.Band("Datos del bien");
        sheet.Row(26, ("Tipo de equipo", e.Kind, 0.34), ("Marca", e.Brand, 0.33), ("Modelo", e.Model, 0.33));
        sheet.Row(26, ("Color", e.Colour, 0.34), ("Número de serie", e.SerialNumber, 0.33), ("Número de bien", e.AssetNumber, 0.33));

        sheet.Band("Hallazgos de la revisión");
        sheet.Paragraph(e.Findings ?? "Sin hallazgos registrados.", sheet.Text, minHeight: 60, boxed: true);
        sheet.Band("Diagnóstico");
        sheet.Paragraph(e.Diagnosis ?? "Sin diagnóstico registrado.", sheet.Text, minHeight: 60, boxed: true);

        var placed = d.Photos.Count(p => p.Info is not null);
        sheet.Paragraph(placed == 0
            ? "El dictamen no tiene fotografías del equipo."
            : $"Al reverso: {placed} fotografía(s) del equipo tomadas por el técnico durante la revisión.", sheet.Italic);
        sheet.Signatures(86, ("Técnico de Hardware y Software", d.TechnicianName), ("Director Unidad de Informática", d.DirectorName));

        Photos(sheet, d.Photos);
        return sheet.Save();
    }

    /// <summary>The back: the photos two per row, three rows per page, each scaled to its cell with its file name.</summary>
    private static void Photos(PdfSheet sheet, IReadOnlyList<Photo> photos)
    {
        if (photos.Count == 0)
        {
            return;
        }

        const int perPage = 6;
        var gap = 10.0;
        var cellWidth = (sheet.ContentWidth - gap) / 2;
        for (var i = 0; i < photos.Count; i++)
        {
            if (i % perPage == 0)
            {
                sheet.NewPage();
                sheet.G.DrawString("Fotografías del equipo (reverso del dictamen)", sheet.Heading, XBrushes.Black,
                    new XRect(sheet.Left, sheet.Y, sheet.ContentWidth, 14), XStringFormats.TopLeft);
                sheet.Y += 18;
            }

            var cellHeight = (sheet.Bottom - (PdfSheet.Margin + 18) - (2 * gap)) / 3;
            var slot = i % perPage;
            var x = sheet.Left + ((slot % 2) * (cellWidth + gap));
            var y = PdfSheet.Margin + 18 + ((slot / 2) * (cellHeight + gap));
            var photo = photos[i];
            sheet.G.DrawRectangle(PdfSheet.Thin, x, y, cellWidth, cellHeight);
            var caption = $"Fotografía {i + 1}: {photo.FileName}";
            sheet.G.DrawString(caption, sheet.Small, XBrushes.Black, new XRect(x + 3, y + cellHeight - 11, cellWidth - 6, 10), XStringFormats.TopLeft);
            if (photo.Info is not { } info)
            {
                sheet.G.DrawString("Formato de imagen no admitido en el documento; consulte el archivo adjunto.", sheet.Small, XBrushes.Gray,
                    new XRect(x + 3, y + 3, cellWidth - 6, 10), XStringFormats.TopLeft);
                continue;
            }

            using var stream = new MemoryStream(photo.Data, writable: false);
            using var image = XImage.FromStream(stream);
            var boxW = cellWidth - 6;
            var boxH = cellHeight - 17;
            // Scaled as seen (EXIF orientation applied), drawn turned about the centre of its place.
            var scale = Math.Min(boxW / info.DisplayWidth, boxH / info.DisplayHeight);
            var (degrees, mirror) = info.Transform;
            var state = sheet.G.Save();
            sheet.G.TranslateTransform(x + 3 + (boxW / 2), y + 3 + (boxH / 2));
            sheet.G.RotateTransform(degrees);
            sheet.G.ScaleTransform(mirror ? -1 : 1, 1);
            var w = info.Width * scale;
            var h = info.Height * scale;
            sheet.G.DrawImage(image, -w / 2, -h / 2, w, h);
            sheet.G.Restore(state);
        }
    }
}
