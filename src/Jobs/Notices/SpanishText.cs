using System.Globalization;

namespace SosepBot.Jobs.Notices;

/// <summary>Dates and durations as Guatemalan Spanish writes them ("lunes 9 de marzo de 2026, 09:00").</summary>
public static class SpanishText
{
    private static readonly string[] Days = ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"];

    private static readonly string[] Months =
        ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

    public static string Date(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{Days[(int)date.DayOfWeek]} {date.Day} de {Months[date.Month - 1]} de {date.Year}");

    public static string DateTime(DateTime local) =>
        string.Create(CultureInfo.InvariantCulture, $"{Date(DateOnly.FromDateTime(local))}, {local:HH\\:mm}");

    public static string DateTime(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>"martes 3 de marzo de 2026 a las 07:00".</summary>
    public static string DateAtTime(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{Date(DateOnly.FromDateTime(local))} a las {local:HH\\:mm}");
    }

    /// <summary>"1 persona", "3 personas": the count with the singular or plural form.</summary>
    public static string Count(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");

    /// <summary>"3 horas hábiles", "1 hora hábil", "2 días y 5 horas hábiles" (8-hour business days).</summary>
    public static string BusinessHours(TimeSpan span)
    {
        var hours = (int)Math.Floor(span.TotalHours);
        if (hours < 1)
        {
            return "menos de una hora hábil";
        }

        if (hours < 8)
        {
            return hours == 1 ? "1 hora hábil" : string.Create(CultureInfo.InvariantCulture, $"{hours} horas hábiles");
        }

        var days = hours / 8;
        var rest = hours % 8;
        var dayText = days == 1 ? "1 día hábil" : string.Create(CultureInfo.InvariantCulture, $"{days} días hábiles");
        return rest == 0 ? dayText : string.Create(CultureInfo.InvariantCulture, $"{dayText} y {rest} h");
    }

    /// <summary>The greeting and signature every notice carries.</summary>
    public static string Letter(string name, string body) =>
        $"Hola, {name}:\n\n{body}\n\nUnidad de Informática — Secretaría de Obras Sociales de la Esposa del Presidente de la República (SOSEP)";
}
