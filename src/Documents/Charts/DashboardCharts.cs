using System.Globalization;
using Microsoft.Extensions.Options;
using ScottPlot;
using SosepBot.Core.Dashboard;
using SosepBot.Documents.Fonts;
using Labels = SosepBot.Core.Dashboard.DashboardTexts.Labels;

namespace SosepBot.Documents.Charts;

/// <summary>
/// The director's charts drawn with ScottPlot on SkiaSharp, in the documents' font family (Debian's TrueType files,
/// registered with ScottPlot once), as PNG (mail, console) or SVG.
/// </summary>
public sealed class DashboardCharts(IOptions<DocumentOptions> options) : IDashboardCharts
{
    /// <summary>The family name the charts ask ScottPlot for.</summary>
    private const string Family = "SosepChartSans";

    private static readonly Color OpenedColor = Color.FromHex("#1f5f99");
    private static readonly Color ClosedColor = Color.FromHex("#3a8a3a");
    private static readonly Color OverdueColor = Color.FromHex("#b3261e");
    private static readonly Lock Gate = new();
    private static bool _fontsAdded;

    public byte[] Png(DashboardChart chart, DirectorFigures figures, int width, int height)
    {
        var plot = Draw(chart, figures);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    public string Svg(DashboardChart chart, DirectorFigures figures, int width, int height)
    {
        var plot = Draw(chart, figures);
        return plot.GetSvgXml(width, height);
    }

    /// <summary>The chart's plot, not yet rendered (its ticks are generated when it is).</summary>
    internal Plot Draw(DashboardChart chart, DirectorFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var plot = new Plot();
        if (AddFonts())
        {
            plot.Font.Set(Family);
        }

        plot.Axes.Margins(bottom: 0);
        switch (chart)
        {
            case DashboardChart.Weekly:
                Weekly(plot, figures);
                break;
            case DashboardChart.Backlog:
                Backlog(plot, figures);
                break;
            case DashboardChart.Compliance:
                Compliance(plot, figures);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(chart), chart, "Unknown chart.");
        }

        return plot;
    }

    private static void Weekly(Plot plot, DirectorFigures figures)
    {
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var i = 0; i < figures.Weeks.Count; i++)
        {
            var w = figures.Weeks[i];
            bars.Add(new Bar { Position = (i * 3) + 0.5, Value = w.Opened, FillColor = OpenedColor, Size = 1 });
            bars.Add(new Bar { Position = (i * 3) + 1.5, Value = w.Closed, FillColor = ClosedColor, Size = 1 });
            ticks.Add(new Tick((i * 3) + 1, w.Monday.ToString("d/M", CultureInfo.InvariantCulture)));
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Title(Labels.WeeklyTitle);
        plot.YLabel(Labels.Requests);
        CountAxis(plot);
        plot.XLabel(Labels.Week);
        Legend(plot, (Labels.Opened, OpenedColor), (Labels.Closed, ClosedColor));
    }

    private static void Backlog(Plot plot, DirectorFigures figures)
    {
        var byProcedure = figures.Backlog.GroupBy(b => b.Code).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Code: g.Key, Open: g.Sum(b => b.Open), Overdue: g.Sum(b => b.Overdue))).ToList();
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var i = 0; i < byProcedure.Count; i++)
        {
            var p = byProcedure[i];
            bars.Add(new Bar { Position = (i * 3) + 0.5, Value = p.Open, FillColor = OpenedColor, Size = 1 });
            bars.Add(new Bar { Position = (i * 3) + 1.5, Value = p.Overdue, FillColor = OverdueColor, Size = 1 });
            ticks.Add(new Tick((i * 3) + 1, p.Code));
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Title(Labels.BacklogTitle);
        plot.YLabel(Labels.Requests);
        CountAxis(plot);
        Legend(plot, (Labels.Open, OpenedColor), (Labels.Overdue, OverdueColor));
    }

    private static void Compliance(Plot plot, DirectorFigures figures)
    {
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        var lines = figures.ByProcedure.Where(l => l.WithinShare is not null).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var share = Math.Round(lines[i].WithinShare!.Value * 100, 1);
            bars.Add(new Bar
            {
                Position = i, Value = share, FillColor = ClosedColor, Size = 0.7,
                Label = share.ToString("0.#", CultureInfo.InvariantCulture) + " %",
            });
            ticks.Add(new Tick(i, lines[i].Key));
        }

        var added = plot.Add.Bars(bars);
        added.ValueLabelStyle.FontSize = 12;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.SetLimitsY(0, 110);
        plot.Title(Labels.ComplianceTitle);
        plot.YLabel(Labels.WithinShare);
    }

    /// <summary>A count's axis: whole-number ticks only (no «0.5 solicitudes» with small counts), no minor ticks between them.</summary>
    private static void CountAxis(Plot plot) =>
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new ScottPlot.TickGenerators.EvenlySpacedMinorTickGenerator(1),
        };

    private static void Legend(Plot plot, params (string Text, Color Color)[] items)
    {
        foreach (var (text, color) in items)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = text, FillColor = color });
        }

        plot.ShowLegend(Alignment.UpperLeft);
    }

    /// <summary>Registers the documents' family with ScottPlot once; false when its files are missing (ScottPlot's default font is used).</summary>
    private bool AddFonts()
    {
        lock (Gate)
        {
            if (_fontsAdded)
            {
                return true;
            }

            if (FontFiles.Find(options.Value.FontFamily, options.Value.EffectiveFontDirectories) is not { } files)
            {
                return false;
            }

            ScottPlot.Fonts.AddFontFile(Family, files.Regular, bold: false, italic: false);
            ScottPlot.Fonts.AddFontFile(Family, files.Bold, bold: true, italic: false);
            _fontsAdded = true;
            return true;
        }
    }
}
