namespace SosepBot.Core.Scheduling;

/// <summary>
/// Statutory days off in Guatemala (Código de Trabajo, art. 127), plus Aug 15, the local
/// holiday of Guatemala City.
/// </summary>
public static class GuatemalaHolidays
{
    private const int FirstGregorianYear = 1583;

    /// <summary>The holidays of <paramref name="year"/>, ordered by date.</summary>
    public static IReadOnlyList<Holiday> For(int year, bool includeAugust15)
    {
        var easter = EasterSunday(year);
        var holidays = new List<Holiday>(14)
        {
            new(new DateOnly(year, 1, 1), "Año Nuevo"),
            new(easter.AddDays(-3), "Jueves Santo"),
            new(easter.AddDays(-2), "Viernes Santo"),
            new(easter.AddDays(-1), "Sábado Santo"),
            new(new DateOnly(year, 5, 1), "Día del Trabajo"),
            new(new DateOnly(year, 6, 30), "Día del Ejército"),
            new(new DateOnly(year, 9, 15), "Día de la Independencia"),
            new(new DateOnly(year, 10, 20), "Día de la Revolución de 1944"),
            new(new DateOnly(year, 11, 1), "Día de Todos los Santos"),
            new(new DateOnly(year, 12, 24), "Nochebuena", HalfDay: true),
            new(new DateOnly(year, 12, 25), "Navidad"),
            new(new DateOnly(year, 12, 31), "Fin de Año", HalfDay: true),
        };

        if (includeAugust15)
        {
            holidays.Add(new(new DateOnly(year, 8, 15), "Día de la Virgen de la Asunción"));
        }

        holidays.Sort((a, b) => a.Date.CompareTo(b.Date));
        return holidays.AsReadOnly();
    }

    /// <summary>
    /// Western (Gregorian) Easter Sunday, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    /// </summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstGregorianYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, DateOnly.MaxValue.Year);

        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
