using System.Buffers.Binary;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using SkiaSharp;
using SosepBot.Core.Dashboard;
using SosepBot.Documents.Charts;

namespace SosepBot.Documents.Tests;

/// <summary>The director's charts: real PNG images of the asked size that show the figures, and SVG documents.</summary>
public sealed class DashboardChartsTests
{
    private static readonly DashboardCharts Charts = new(Options.Create(new DocumentOptions()));

    [Theory]
    [InlineData(DashboardChart.Weekly)]
    [InlineData(DashboardChart.Backlog)]
    [InlineData(DashboardChart.Compliance)]
    public void Png_EachChart_IsAPngOfTheAskedSizeWithBarsDrawn(DashboardChart chart)
    {
        var png = Charts.Png(chart, Figures(), 640, 320);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal((640, 320), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((640, 320), (bitmap.Width, bitmap.Height));
        // The bars are drawn in the chart's green (closed / within the limit) or blue (opened / open).
        var colours = Enumerable.Range(0, bitmap.Width).SelectMany(x => Enumerable.Range(0, bitmap.Height).Select(y => bitmap.GetPixel(x, y))).ToHashSet();
        Assert.True(colours.Contains(new SKColor(0x3a, 0x8a, 0x3a)) || colours.Contains(new SKColor(0x1f, 0x5f, 0x99)), "a bar is drawn");
    }

    [Fact]
    public void Png_NoFigures_StillDrawsAnEmptyChart()
    {
        var empty = Figures() with { Weeks = Figures().Weeks.Select(w => w with { Opened = 0, Closed = 0 }).ToList(), Backlog = [], ByProcedure = [] };

        foreach (var chart in Enum.GetValues<DashboardChart>())
        {
            Assert.Equal(0x89, Charts.Png(chart, empty, 300, 200)[0]);
        }
    }

    [Fact]
    public void Svg_Weekly_IsAnSvgDocumentWithTheTitle()
    {
        var svg = XDocument.Parse(Charts.Svg(DashboardChart.Weekly, Figures(), 640, 320));

        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Contains(DashboardTexts.Labels.WeeklyTitle, svg.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Counts of 0 to 2 would get ScottPlot's default ticks 0, 0.5, 1, 1.5, 2: the count charts' left axis keeps whole
    /// numbers only. The ticks are the ones ScottPlot generated when it rendered the chart.
    /// </summary>
    [Theory]
    [InlineData(DashboardChart.Weekly)]
    [InlineData(DashboardChart.Backlog)]
    public void Render_SmallCounts_LeftAxisTicksAreWholeNumbers(DashboardChart chart)
    {
        var small = Figures() with
        {
            Weeks = Figures().Weeks.Select((w, i) => w with { Opened = i % 3, Closed = i % 2 }).ToList(),
            Backlog = [new("DS-UI-04", "Soporte técnico", "Abierto", 2, 1), new("DS-UI-05", "Dictamen técnico", "Asignado", 1, 0)],
        };

        foreach (var (width, height) in new[] { (640, 320), (1200, 900), (300, 200) })
        {
            var plot = Charts.Draw(chart, small);
            plot.GetImageBytes(width, height, ScottPlot.ImageFormat.Png);

            var ticks = plot.Axes.Left.TickGenerator.Ticks;
            Assert.True(ticks.Count(t => t.IsMajor) >= 2, $"{width}×{height}: {ticks.Length} ticks");
            Assert.All(ticks, t => Assert.True(t.IsMajor && t.Position == Math.Round(t.Position) && int.TryParse(t.Label, out var n) && n == t.Position,
                $"{width}×{height}: a tick at {t.Position} «{t.Label}» (major: {t.IsMajor})"));
        }
    }

    [Fact]
    public void Render_ScottPlotsDefaultAxis_WouldHaveFractionalTicks()
    {
        // The case the integer ticks are for: the same small counts on ScottPlot's default axis.
        var plot = new ScottPlot.Plot();
        plot.Add.Bars([0.0, 1, 2, 1]);
        plot.GetImageBytes(640, 320, ScottPlot.ImageFormat.Png);

        Assert.Contains(plot.Axes.Left.TickGenerator.Ticks, t => t.IsMajor && t.Position != Math.Round(t.Position));
    }

    private static DirectorFigures Figures()
    {
        var monday = new DateOnly(2026, 3, 16);
        var weeks = Enumerable.Range(0, 12)
            .Select(i => new DirectorFigures.WeekLine(monday.AddDays(7 * (i - 11)), DateTimeOffset.UnixEpoch, 3 + i, 2 + (i % 4))).ToList();
        return new DirectorFigures
        {
            Now = DateTimeOffset.UnixEpoch,
            From = DateTimeOffset.UnixEpoch,
            To = DateTimeOffset.UnixEpoch,
            Period = new(5, 4),
            Previous = new(3, 4),
            Weeks = weeks,
            Backlog = [new("DS-UI-04", "Soporte técnico", "Abierto", 7, 2), new("DS-UI-05", "Dictamen técnico", "Asignado", 3, 0)],
            ByProcedure = [new("DS-UI-04", "Soporte técnico", 10, 8, 10, 36000), new("DS-UI-05", "Dictamen técnico", 4, 1, 4, 72000)],
            ByTechnician = [],
            PeriodByTechnician = [],
            OldestOverdue = [],
        };
    }
}
