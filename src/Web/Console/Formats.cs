using System.Globalization;
using SosepBot.Core.Scheduling;

namespace SosepBot.Web.Console;

/// <summary>Dates and business time as the console shows them (Guatemala's time zone, Spanish).</summary>
public static class Formats
{
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-GT");

    public static string Local(DateTimeOffset at, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return TimeZoneInfo.ConvertTime(at, calendar.TimeZone).ToString("dd/MM/yyyy HH:mm", Spanish);
    }

    /// <summary>A file's size: «12 KB», «2,5 MB».</summary>
    public static string Size(long bytes) => bytes < 1024 * 1024
        ? $"{Math.Max(1, (bytes + 1023) / 1024)} KB"
        : string.Create(Spanish, $"{bytes / (1024d * 1024):0.#} MB");

    /// <summary>«quedan 3 h 20 min hábiles» or «vencida hace 1 h 5 min hábiles»; null without a time limit.</summary>
    public static string? TimeLeft(DateTimeOffset? due, DateTimeOffset now, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (due is not { } d)
        {
            return null;
        }

        return now > d
            ? $"vencida hace {Span(calendar.BusinessTimeBetween(d, now))} hábiles"
            : $"quedan {Span(calendar.BusinessTimeBetween(now, d))} hábiles";
    }

    /// <summary>Where an action came from, as the timeline says it («por correo»).</summary>
    public static string ChannelName(Core.Requests.Channel channel) => channel switch
    {
        Core.Requests.Channel.Api => "la API",
        Core.Requests.Channel.Teams => "Teams",
        Core.Requests.Channel.Mail => "correo",
        Core.Requests.Channel.Phone => "teléfono",
        Core.Requests.Channel.System => "el sistema",
        Core.Requests.Channel.Web => "la consola web",
        _ => channel.ToString(),
    };

    private static string Span(TimeSpan span)
    {
        var minutes = (long)Math.Max(0, Math.Round(span.TotalMinutes));
        var hours = minutes / 60;
        return hours == 0 ? $"{minutes} min" : $"{hours} h {minutes % 60} min";
    }
}
