using System.Globalization;

namespace SosepBot.Core.Dashboard;

/// <summary>The dashboard's numbers as the console, the digest and its card write them (Guatemala writes a decimal point).</summary>
public static class DashboardFormat
{
    /// <summary>"87.5 %", or "—" when there is nothing to measure.</summary>
    public static string Percent(double? share) =>
        share is { } s ? (s * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "—";

    /// <summary>"12.5", or "—" when there is nothing to measure.</summary>
    public static string Hours(double? hours) =>
        hours is { } h ? h.ToString("0.#", CultureInfo.InvariantCulture) : "—";

    /// <summary>The change from <paramref name="before"/> to <paramref name="now"/>: "+25 %", "−10 %", "=" or "—" (nothing before to compare with).</summary>
    public static string Change(int now, int before)
    {
        if (before == 0)
        {
            return now == 0 ? "=" : "—";
        }

        var change = Math.Round((now - before) * 100.0 / before, 0, MidpointRounding.AwayFromZero);
        return change switch
        {
            0 => "=",
            > 0 => "+" + change.ToString("0", CultureInfo.InvariantCulture) + " %",
            _ => "−" + (-change).ToString("0", CultureInfo.InvariantCulture) + " %",
        };
    }
}
