using Microsoft.Extensions.Options;
using SosepBot.Core.Scheduling;

namespace SosepBot.Core.Tests.Scheduling;

internal static class CalendarTestData
{
    public static readonly TimeSpan Guatemala = TimeSpan.FromHours(-6);

    /// <summary>A local time in Guatemala (UTC-06:00).</summary>
    public static DateTimeOffset Gt(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, Guatemala);

    public static BusinessCalendar Calendar(Action<BusinessCalendarOptions>? configure = null)
    {
        var options = new BusinessCalendarOptions();
        configure?.Invoke(options);
        return new BusinessCalendar(Options.Create(options));
    }
}
