using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using SosepBot.Documents.Fonts;
using SosepBot.Documents.Model;

namespace SosepBot.Documents.Pdf;

/// <summary>
/// A letter-size PDF drawn top to bottom: SOSEP's heading, bordered label/value cells, wrapped paragraphs,
/// check boxes and signature boxes. <see cref="Y"/> is the next free line; a new page starts when one is full.
/// </summary>
internal sealed class PdfSheet : IDisposable
{
    public const double Margin = 42;

    private readonly PdfDocument _document = new();
    private readonly DocumentStamp _stamp;
    private XGraphics? _g;
    private bool _disposed;

    public PdfSheet(DocumentStamp stamp, string title, string subject, DateTimeOffset createdAt)
    {
        _stamp = stamp;
        _document.Info.Title = title;
        _document.Info.Subject = subject;
        _document.Info.Author = "SOSEP — Unidad de Informática";
        _document.Info.Creator = "SosepBot";
        _document.Info.CreationDate = createdAt.UtcDateTime;
        Title = new XFont(PdfFonts.Family, 13, XFontStyleEx.Bold);
        Heading = new XFont(PdfFonts.Family, 10.5, XFontStyleEx.Bold);
        Label = new XFont(PdfFonts.Family, 7.5, XFontStyleEx.Bold);
        Text = new XFont(PdfFonts.Family, 9.5, XFontStyleEx.Regular);
        Small = new XFont(PdfFonts.Family, 7.5, XFontStyleEx.Regular);
        Italic = new XFont(PdfFonts.Family, 8, XFontStyleEx.Italic);
        NewPage();
    }

    public XFont Title { get; }

    public XFont Heading { get; }

    public XFont Label { get; }

    public XFont Text { get; }

    public XFont Small { get; }

    public XFont Italic { get; }

    public XGraphics G => _g!;

    public double Y { get; set; }

    public double Width { get; private set; }

    public double Height { get; private set; }

#pragma warning disable CA1822 // Read with the other page measures.
    public double Left => Margin;
#pragma warning restore CA1822

    public double Right => Width - Margin;

    public double ContentWidth => Width - (2 * Margin);

    public double Bottom => Height - Margin - 14;

    public static XPen Line { get; } = new(XColors.Black, 0.7);

    public static XPen Thin { get; } = new(XColor.FromArgb(255, 120, 120, 120), 0.4);

    public static XBrush Shade { get; } = new XSolidBrush(XColor.FromArgb(255, 230, 233, 240));

    public void NewPage()
    {
        _g?.Dispose();
        var page = _document.AddPage();
        page.Size = PageSize.Letter;
        Width = page.Width.Point;
        Height = page.Height.Point;
        _g = XGraphics.FromPdfPage(page);
        Y = Margin;
        var footer = _stamp.Footer;
        G.DrawString(footer, Small, XBrushes.Gray, new XRect(Left, Height - Margin + 2, ContentWidth, 10), XStringFormats.TopLeft);
        G.DrawString($"Página {_document.PageCount}", Small, XBrushes.Gray, new XRect(Left, Height - Margin + 2, ContentWidth, 10), XStringFormats.TopRight);
    }

    /// <summary>Starts a new page when less than <paramref name="height"/> points are left.</summary>
    public void Need(double height)
    {
        if (Y + height > Bottom)
        {
            NewPage();
        }
    }

    /// <summary>SOSEP's heading: the secretariat and the unit on the left, the number and date on the right, then the title.</summary>
    public void Letterhead(string unit, string title, string? subtitle)
    {
        var top = Y;
        G.DrawRectangle(new XSolidBrush(XColor.FromArgb(255, 30, 60, 120)), Left, top, 4, 44);
        G.DrawString("SOSEP", new XFont(PdfFonts.Family, 16, XFontStyleEx.Bold), new XSolidBrush(XColor.FromArgb(255, 30, 60, 120)),
            new XRect(Left + 10, top, 200, 18), XStringFormats.TopLeft);
        G.DrawString("Secretaría de Obras Sociales de la Esposa del Presidente de la República", Small, XBrushes.Black,
            new XRect(Left + 10, top + 20, 330, 10), XStringFormats.TopLeft);
        G.DrawString(unit, Label, XBrushes.Black, new XRect(Left + 10, top + 32, 330, 10), XStringFormats.TopLeft);

        var boxWidth = 150.0;
        var x = Right - boxWidth;
        Cell(x, top, boxWidth, 22, "No. de solicitud", _stamp.Number);
        Cell(x, top + 22, boxWidth / 2, 22, "Fecha", _stamp.DateText);
        Cell(x + (boxWidth / 2), top + 22, boxWidth / 2, 22, "Versión", _stamp.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Y = top + 54;
        G.DrawString(title, Title, XBrushes.Black, new XRect(Left, Y, ContentWidth, 16), XStringFormats.TopCenter);
        Y += 17;
        if (subtitle is not null)
        {
            G.DrawString(subtitle, Small, XBrushes.Black, new XRect(Left, Y, ContentWidth, 10), XStringFormats.TopCenter);
            Y += 12;
        }

        Y += 6;
    }

    /// <summary>A bordered cell: a small bold label on top and the value (wrapped) below it.</summary>
    public void Cell(double x, double y, double width, double height, string label, string? value, bool shaded = false)
    {
        if (shaded)
        {
            G.DrawRectangle(Shade, x, y, width, height);
        }

        G.DrawRectangle(Line, x, y, width, height);
        G.DrawString(label, Label, XBrushes.Black, new XRect(x + 3, y + 2, width - 6, 9), XStringFormats.TopLeft);
        if (!string.IsNullOrWhiteSpace(value))
        {
            var lineY = y + 11;
            foreach (var line in Wrap(value, Text, width - 6))
            {
                if (lineY + 11 > y + height + 1)
                {
                    break;
                }

                G.DrawString(line, Text, XBrushes.Black, new XRect(x + 3, lineY, width - 6, 11), XStringFormats.TopLeft);
                lineY += 11;
            }
        }
    }

    /// <summary>A row of cells across the page; widths are fractions of the content width.</summary>
    public void Row(double height, params (string Label, string? Value, double Fraction)[] cells)
    {
        Need(height);
        var x = Left;
        foreach (var (label, value, fraction) in cells)
        {
            var w = ContentWidth * fraction;
            Cell(x, Y, w, height, label, value);
            x += w;
        }

        Y += height;
    }

    /// <summary>A shaded band with a section title.</summary>
    public void Band(string text)
    {
        Need(30);
        Y += 4;
        G.DrawRectangle(Shade, Left, Y, ContentWidth, 14);
        G.DrawRectangle(Line, Left, Y, ContentWidth, 14);
        G.DrawString(text, Heading, XBrushes.Black, new XRect(Left + 4, Y + 1.5, ContentWidth - 8, 12), XStringFormats.TopLeft);
        Y += 14;
    }

    /// <summary>A paragraph wrapped to the content width (at least <paramref name="minHeight"/> points tall, boxed when asked).</summary>
    public void Paragraph(string? text, XFont font, double minHeight = 0, bool boxed = false)
    {
        var lines = string.IsNullOrWhiteSpace(text) ? [] : Wrap(text, font, ContentWidth - 8);
        var lineHeight = font.Size * 1.25;
        var height = Math.Max(minHeight, (lines.Count * lineHeight) + 6);
        Need(Math.Min(height, Bottom - Margin));
        var top = Y;
        var y = Y + 3;
        foreach (var line in lines)
        {
            if (y + lineHeight > Bottom)
            {
                if (boxed)
                {
                    G.DrawRectangle(Line, Left, top, ContentWidth, y - top + 3);
                }

                NewPage();
                top = Y;
                y = Y + 3;
            }

            G.DrawString(line, font, XBrushes.Black, new XRect(Left + 4, y, ContentWidth - 8, lineHeight), XStringFormats.TopLeft);
            y += lineHeight;
        }

        var end = Math.Max(y + 3, top + minHeight);
        if (boxed)
        {
            G.DrawRectangle(Line, Left, top, ContentWidth, end - top);
        }

        Y = end;
    }

    /// <summary>A check box with its label; marked with an X when <paramref name="marked"/>.</summary>
    public void CheckBox(double x, double y, bool marked, string label, XFont? font = null)
    {
        G.DrawRectangle(Line, x, y, 9, 9);
        if (marked)
        {
            G.DrawLine(Line, x + 1.5, y + 1.5, x + 7.5, y + 7.5);
            G.DrawLine(Line, x + 7.5, y + 1.5, x + 1.5, y + 7.5);
        }

        G.DrawString(label, font ?? Text, XBrushes.Black, new XRect(x + 13, y - 1, 400, 11), XStringFormats.TopLeft);
    }

    /// <summary>Signature boxes side by side: space to sign, a line, the name (when known) and the role.</summary>
    public void Signatures(double height, params (string Role, string? Name)[] boxes)
    {
        Need(height + 6);
        Y += 6;
        var width = ContentWidth / boxes.Length;
        for (var i = 0; i < boxes.Length; i++)
        {
            var x = Left + (i * width);
            G.DrawRectangle(Line, x, Y, width, height);
            var lineY = Y + height - 30;
            G.DrawLine(Thin, x + 18, lineY, x + width - 18, lineY);
            var (role, name) = boxes[i];
            G.DrawString(name ?? string.Empty, Text, XBrushes.Black, new XRect(x + 4, lineY + 3, width - 8, 11), XStringFormats.TopCenter);
            G.DrawString(role, Label, XBrushes.Black, new XRect(x + 4, lineY + 15, width - 8, 10), XStringFormats.TopCenter);
            G.DrawString("Firma", Small, XBrushes.Gray, new XRect(x + 4, Y + 3, width - 8, 9), XStringFormats.TopLeft);
        }

        Y += height;
    }

    public List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
        {
            var current = string.Empty;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (G.MeasureString(candidate, font).Width <= width || current.Length == 0)
                {
                    current = candidate;
                }
                else
                {
                    lines.Add(current);
                    current = word;
                }
            }

            lines.Add(current);
        }

        return lines;
    }

    public byte[] Save()
    {
        _g?.Dispose();
        _g = null;
        using var output = new MemoryStream();
        _document.Save(output, false);
        return output.ToArray();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _g?.Dispose();
        _document.Dispose();
    }
}
