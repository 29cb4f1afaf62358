using SosepBot.Core.Scheduling;

namespace SosepBot.Core.Tests.Scheduling;

public sealed class GuatemalaHolidaysTests
{
    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(1818, "1818-03-22")]
    [InlineData(2285, "2285-03-22")]
    [InlineData(1943, "1943-04-25")]
    public void EasterSunday_KnownYear_MatchesPublishedDate(int year, string expected)
    {
        var easter = GuatemalaHolidays.EasterSunday(year);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), easter);
        Assert.Equal(DayOfWeek.Sunday, easter.DayOfWeek);
    }

    [Fact]
    public void EasterSunday_BeforeGregorianCalendar_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GuatemalaHolidays.EasterSunday(1582));
    }

    [Fact]
    public void For_2026WithAugust15_ListsStatutoryDaysInOrder()
    {
        var holidays = GuatemalaHolidays.For(2026, includeAugust15: true);

        var expected = new (int Month, int Day, string Name, bool HalfDay)[]
        {
            (1, 1, "Año Nuevo", false),
            (4, 2, "Jueves Santo", false),
            (4, 3, "Viernes Santo", false),
            (4, 4, "Sábado Santo", false),
            (5, 1, "Día del Trabajo", false),
            (6, 30, "Día del Ejército", false),
            (8, 15, "Día de la Virgen de la Asunción", false),
            (9, 15, "Día de la Independencia", false),
            (10, 20, "Día de la Revolución de 1944", false),
            (11, 1, "Día de Todos los Santos", false),
            (12, 24, "Nochebuena", true),
            (12, 25, "Navidad", false),
            (12, 31, "Fin de Año", true),
        };
        Assert.Equal(
            expected.Select(e => new Holiday(new DateOnly(2026, e.Month, e.Day), e.Name, e.HalfDay)),
            holidays);
    }

    [Fact]
    public void For_WithoutAugust15_OmitsOnlyAsuncion()
    {
        var with = GuatemalaHolidays.For(2025, includeAugust15: true);
        var without = GuatemalaHolidays.For(2025, includeAugust15: false);

        Assert.Equal(with.Count - 1, without.Count);
        Assert.DoesNotContain(without, h => h.Date == new DateOnly(2025, 8, 15));
        Assert.Contains(with, h => h.Date == new DateOnly(2025, 8, 15));
    }
}
