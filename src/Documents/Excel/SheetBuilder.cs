using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SosepBot.Documents.Imaging;
using A = DocumentFormat.OpenXml.Drawing;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace SosepBot.Documents.Excel;

/// <summary>One worksheet: cells (1-based row and column), column widths, merged ranges, pictures; written on save.</summary>
internal sealed class SheetBuilder
{
    /// <summary>English Metric Units per pixel at 96 dpi.</summary>
    public const long EmuPerPixel = 9525;

    private readonly WorkbookBuilder _book;
    private readonly WorksheetPart _part;
    private readonly SortedDictionary<int, SortedDictionary<int, Cell>> _rows = [];
    private readonly Dictionary<int, double> _heights = [];
    private readonly SortedDictionary<int, double> _widths = [];
    private readonly List<string> _merges = [];
    private DrawingsPart? _drawings;
    private uint _pictureId = 1;

    internal SheetBuilder(WorkbookBuilder book, WorksheetPart part)
    {
        _book = book;
        _part = part;
    }

    public string? AutoFilter { get; set; }

    public int FrozenRows { get; set; }

    public bool Landscape { get; set; }

    public SheetBuilder Width(int column, double width)
    {
        _widths[column] = width;
        return this;
    }

    public SheetBuilder Height(int row, double points)
    {
        _heights[row] = points;
        return this;
    }

    public SheetBuilder Merge(int row, int fromColumn, int toColumn, int toRow = 0)
    {
        _merges.Add($"{Reference(row, fromColumn)}:{Reference(toRow == 0 ? row : toRow, toColumn)}");
        return this;
    }

    public SheetBuilder Text(int row, int column, string? value, CellStyle style = CellStyle.Default)
    {
        var cell = Cell(row, column, style);
        if (!string.IsNullOrEmpty(value))
        {
            cell.DataType = CellValues.SharedString;
            cell.CellValue = new CellValue(_book.StringIndex(value).ToString(CultureInfo.InvariantCulture));
        }

        return this;
    }

    public SheetBuilder Number(int row, int column, double value, CellStyle style = CellStyle.Hours)
    {
        Cell(row, column, style).CellValue = new CellValue(value.ToString("R", CultureInfo.InvariantCulture));
        return this;
    }

    public SheetBuilder Date(int row, int column, DateTime? value)
    {
        var cell = Cell(row, column, CellStyle.Date);
        if (value is { } v)
        {
            cell.CellValue = new CellValue(v.ToOADate().ToString("R", CultureInfo.InvariantCulture));
        }

        return this;
    }

    /// <summary>Places a picture with its top-left corner in the cell, <paramref name="widthPx"/> × <paramref name="heightPx"/> pixels.</summary>
    public void Picture(byte[] data, ImageFormatInfo info, int row, int column, int widthPx, int heightPx, string name, string description)
    {
        if (_drawings is null)
        {
            _drawings = _part.AddNewPart<DrawingsPart>();
            _drawings.WorksheetDrawing = new Xdr.WorksheetDrawing();
        }

        var image = _book.AddImage(_drawings, info.Format switch
        {
            ImageFormat.Png => ImagePartType.Png,
            ImageFormat.Gif => ImagePartType.Gif,
            _ => ImagePartType.Jpeg,
        }, data);
        var id = _pictureId++;
        // widthPx × heightPx is the size as seen. The frame holds the stored pixels and is turned (and mirrored) per
        // the EXIF orientation; a frame turned a quarter about its centre is seen shifted by ((w − h)/2, (h − w)/2),
        // so the anchor is offset to keep what is seen inside its cell.
        var (degrees, mirror) = info.Transform;
        var cx = (info.QuarterTurn ? heightPx : widthPx) * EmuPerPixel;
        var cy = (info.QuarterTurn ? widthPx : heightPx) * EmuPerPixel;
        var columnOffset = info.QuarterTurn ? Math.Max(0, (cy - cx) / 2) : 0;
        var rowOffset = info.QuarterTurn ? Math.Max(0, (cx - cy) / 2) : 0;
        _drawings.WorksheetDrawing.Append(new Xdr.OneCellAnchor(
            new Xdr.FromMarker(
                new Xdr.ColumnId((column - 1).ToString(CultureInfo.InvariantCulture)), new Xdr.ColumnOffset(columnOffset.ToString(CultureInfo.InvariantCulture)),
                new Xdr.RowId((row - 1).ToString(CultureInfo.InvariantCulture)), new Xdr.RowOffset(rowOffset.ToString(CultureInfo.InvariantCulture))),
            new Xdr.Extent { Cx = cx, Cy = cy },
            new Xdr.Picture(
                new Xdr.NonVisualPictureProperties(
                    new Xdr.NonVisualDrawingProperties { Id = id + 1, Name = name, Description = description },
                    new Xdr.NonVisualPictureDrawingProperties(new A.PictureLocks { NoChangeAspect = true })),
                new Xdr.BlipFill(new A.Blip { Embed = _drawings.GetIdOfPart(image) }, new A.Stretch(new A.FillRectangle())),
                new Xdr.ShapeProperties(
                    new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy })
                    {
                        Rotation = degrees == 0 ? null : degrees * 60000,
                        HorizontalFlip = mirror ? true : null,
                    },
                    new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })),
            new Xdr.ClientData()));
    }

    internal void Write()
    {
        var worksheet = new Worksheet(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        if (FrozenRows > 0)
        {
            worksheet.Append(new SheetViews(new SheetView(
                new Pane
                {
                    VerticalSplit = FrozenRows, TopLeftCell = Reference(FrozenRows + 1, 1),
                    ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
                }) { WorkbookViewId = 0 }));
        }

        if (_widths.Count > 0)
        {
            worksheet.Append(new Columns(_widths.Select(w => new Column
            {
                Min = (uint)w.Key, Max = (uint)w.Key, Width = w.Value, CustomWidth = true,
            })));
        }

        var data = new SheetData();
        foreach (var (index, cells) in _rows)
        {
            var row = new Row { RowIndex = (uint)index };
            if (_heights.TryGetValue(index, out var height))
            {
                row.Height = height;
                row.CustomHeight = true;
            }

            row.Append(cells.Values);
            data.Append(row);
        }

        worksheet.Append(data);
        if (AutoFilter is not null)
        {
            worksheet.Append(new AutoFilter { Reference = AutoFilter });
        }

        if (_merges.Count > 0)
        {
            worksheet.Append(new MergeCells(_merges.Select(m => new MergeCell { Reference = m })));
        }

        worksheet.Append(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        worksheet.Append(new PageSetup
        {
            PaperSize = 1, // Letter
            Orientation = Landscape ? OrientationValues.Landscape : OrientationValues.Portrait,
            FitToWidth = 1,
            FitToHeight = 0,
        });
        if (_drawings is not null)
        {
            worksheet.Append(new Drawing { Id = _part.GetIdOfPart(_drawings) });
        }

        _part.Worksheet = worksheet;
        _part.Worksheet.Save();
    }

    public static string Reference(int row, int column)
    {
        var name = string.Empty;
        for (var c = column; c > 0; c = (c - 1) / 26)
        {
            name = (char)('A' + ((c - 1) % 26)) + name;
        }

        return name + row.ToString(CultureInfo.InvariantCulture);
    }

    private Cell Cell(int row, int column, CellStyle style)
    {
        if (!_rows.TryGetValue(row, out var cells))
        {
            cells = [];
            _rows[row] = cells;
        }

        var cell = new Cell { CellReference = Reference(row, column), StyleIndex = (uint)style };
        cells[column] = cell;
        return cell;
    }
}
