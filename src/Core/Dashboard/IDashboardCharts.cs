namespace SosepBot.Core.Dashboard;

/// <summary>Draws the director's charts on the server (no outside service); implemented in Documents, used by the console and the digest.</summary>
public interface IDashboardCharts
{
    /// <summary>The chart as a PNG image of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    byte[] Png(DashboardChart chart, DirectorFigures figures, int width, int height);

    /// <summary>The chart as an SVG document.</summary>
    string Svg(DashboardChart chart, DirectorFigures figures, int width, int height);
}
