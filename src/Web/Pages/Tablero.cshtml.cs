using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;
using SosepBot.Core.Dashboard;
using SosepBot.Core.People;
using SosepBot.Core.Scheduling;
using SosepBot.Web.Console;

namespace SosepBot.Web.Pages;

/// <summary>«Tablero del director» (IT director, Administrator): Core's director's figures as charts drawn on the server and as tables.</summary>
[StaffOnly(Role.ItDirector, Role.Administrator)]
public sealed class TableroModel(DirectorDashboard dashboard, IEnumerable<IDashboardCharts> charts, BusinessCalendar calendar, IMemoryCache cache)
    : ConsolePageModel
{
    public BusinessCalendar Calendar => calendar;

    /// <summary>The charts by their name in the URL.</summary>
    public static readonly IReadOnlyDictionary<string, DashboardChart> Charts = new Dictionary<string, DashboardChart>(StringComparer.Ordinal)
    {
        ["semanas"] = DashboardChart.Weekly,
        ["en-curso"] = DashboardChart.Backlog,
        ["cumplimiento"] = DashboardChart.Compliance,
    };

    public const int ChartWidth = 720;
    public const int ChartHeight = 360;

    public DirectorFigures Figures { get; private set; } = null!;

    /// <summary>False when the host registered no chart drawer: the tables stand alone.</summary>
    public bool HasCharts => charts.Any();

    /// <summary>How long the figures computed once serve the page and its charts (every viewer's: they are the same for all).</summary>
    public static readonly TimeSpan FiguresLifetime = TimeSpan.FromMinutes(1);

    public async Task OnGetAsync() => Figures = await FiguresAsync();

    /// <summary>One chart as PNG (<c>formato=png</c>, the default) or SVG.</summary>
    public async Task<IActionResult> OnGetGraficaAsync(string? nombre, string? formato)
    {
        var drawer = charts.FirstOrDefault();
        if (drawer is null || nombre is null || !Charts.TryGetValue(nombre, out var chart) || formato is not (null or "png" or "svg"))
        {
            return NotFound();
        }

        var figures = await FiguresAsync();
        Response.Headers.CacheControl = "private, max-age=60";
        return formato == "svg"
            ? Content(drawer.Svg(chart, figures, ChartWidth, ChartHeight), "image/svg+xml")
            : File(drawer.Png(chart, figures, ChartWidth, ChartHeight), "image/png");
    }

    /// <summary>
    /// The director's figures, computed at most once a minute for the page and its three charts: the one place that
    /// computes and caches them (the page's tables and images show the same copy).
    /// </summary>
    private async Task<DirectorFigures> FiguresAsync() =>
        (await cache.GetOrCreateAsync(typeof(DirectorFigures), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = FiguresLifetime;
            return dashboard.ComputeAsync(HttpContext.RequestAborted);
        }))!;
}
