using System.IO.Packaging;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SosepBot.Documents.Excel;

/// <summary>
/// Writes .xlsx files with the Open XML SDK: shared strings, a small fixed style sheet and pictures. Chosen over
/// ClosedXML 0.95.4 (the only version served), which needs System.Drawing/libgdiplus on Linux to add a picture.
/// </summary>
internal sealed class WorkbookBuilder : IDisposable
{
    private readonly MemoryStream _stream = new();
    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbook;
    private readonly Sheets _sheets;
    private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);
    private readonly List<string> _stringList = [];
    private readonly List<SheetBuilder> _pending = [];
    private uint _nextSheetId = 1;

    public WorkbookBuilder(string title, string author)
    {
        _document = SpreadsheetDocument.Create(_stream, SpreadsheetDocumentType.Workbook);
        _document.PackageProperties.Title = title;
        _document.PackageProperties.Creator = author;
        _workbook = _document.AddWorkbookPart();
        _workbook.Workbook = new Workbook();
        _sheets = _workbook.Workbook.AppendChild(new Sheets());
        var styles = _workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Styles();
    }

    public SheetBuilder AddSheet(string name)
    {
        var part = _workbook.AddNewPart<WorksheetPart>();
        _sheets.Append(new Sheet { Id = _workbook.GetIdOfPart(part), SheetId = _nextSheetId++, Name = name });
        var sheet = new SheetBuilder(this, part);
        _pending.Add(sheet);
        return sheet;
    }

    internal int StringIndex(string value)
    {
        if (!_strings.TryGetValue(value, out var index))
        {
            index = _stringList.Count;
            _strings[value] = index;
            _stringList.Add(value);
        }

        return index;
    }

    /// <summary>
    /// Adds a picture stored as it is: JPEG and PNG do not shrink, and deflating 30 MB of photos again took
    /// most of the time of a dictamen (bench/Documents.Bench). The XML parts stay compressed.
    /// </summary>
    internal ImagePart AddImage(DrawingsPart drawings, ImagePartType type, byte[] data)
    {
        var previous = _document.CompressionOption;
        _document.CompressionOption = CompressionOption.NotCompressed;
        try
        {
            var part = drawings.AddImagePart(type);
            using var input = new MemoryStream(data, writable: false);
            part.FeedData(input);
            return part;
        }
        finally
        {
            _document.CompressionOption = previous;
        }
    }

    public byte[] Save()
    {
        foreach (var sheet in _pending)
        {
            sheet.Write();
        }

        var shared = _workbook.AddNewPart<SharedStringTablePart>();
        shared.SharedStringTable = new SharedStringTable(_stringList.Select(s => new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve })))
        {
            Count = (uint)_stringList.Count,
            UniqueCount = (uint)_stringList.Count,
        };
        _workbook.Workbook.Save();
        _document.Dispose();
        return _stream.ToArray();
    }

    public void Dispose()
    {
        _document.Dispose();
        _stream.Dispose();
    }

    private static Stylesheet Styles()
    {
        var fonts = new DocumentFormat.OpenXml.Spreadsheet.Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new Color { Rgb = "FF1E3C78" }, new FontName { Val = "Calibri" }),
            new Font(new Italic(), new FontSize { Val = 9 }, new Color { Rgb = "FF555555" }, new FontName { Val = "Calibri" }));
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE6E9F0" }) { PatternType = PatternValues.Solid }));
        static BorderPropertiesType Side<T>()
            where T : BorderPropertiesType, new() => new T { Style = BorderStyleValues.Thin, Color = new Color { Rgb = "FF808080" } };
        var borders = new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(Side<LeftBorder>(), Side<RightBorder>(), Side<TopBorder>(), Side<BottomBorder>(), new DiagonalBorder()));
        var formats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy hh:mm" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "0.0" });
        static Alignment Wrap() => new() { WrapText = true, Vertical = VerticalAlignmentValues.Top };
        var xfs = new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { FontId = 2, ApplyFont = true },
            new CellFormat(Wrap()) { BorderId = 1, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat(Wrap()) { FontId = 1, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat { NumberFormatId = 164, BorderId = 1, ApplyNumberFormat = true, ApplyBorder = true },
            new CellFormat { NumberFormatId = 165, BorderId = 1, ApplyNumberFormat = true, ApplyBorder = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center, Horizontal = HorizontalAlignmentValues.Center })
            {
                FontId = 1, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true,
            },
            new CellFormat { FontId = 3, ApplyFont = true },
            new CellFormat { BorderId = 1, ApplyBorder = true });
        return new Stylesheet(formats, fonts, fills, borders, new CellStyleFormats(new CellFormat()), xfs);
    }
}
