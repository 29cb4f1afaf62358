namespace SosepBot.Documents.Excel;

/// <summary>The cell formats of <see cref="WorkbookBuilder"/>'s style sheet (indexes into cellXfs).</summary>
internal enum CellStyle : uint
{
    Default = 0,
    Bold = 1,
    Title = 2,
    Value = 3,
    Label = 4,
    Date = 5,
    Hours = 6,
    Header = 7,
    Note = 8,
    Boxed = 9,
}
