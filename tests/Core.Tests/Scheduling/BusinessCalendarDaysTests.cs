using SosepBot.Core.Scheduling;
using static SosepBot.Core.Tests.Scheduling.CalendarTestData;

namespace SosepBot.Core.Tests.Scheduling;

public sealed class BusinessCalendarDaysTests
{
    [Theory]
    [InlineData(2025, 4, 16)]
    [InlineData(2026, 4, 1)]
    [InlineData(2027, 3, 24)]
    public void IsBusinessDay_HolyWeek_ThursdayToSaturdayOffAndWednesdayWorked(int year, int month, int wednesday)
    {
        var calendar = Calendar();
        var holyWednesday = new DateOnly(year, month, wednesday);

        Assert.True(calendar.IsBusinessDay(holyWednesday));
        Assert.Null(calendar.HolidayOn(holyWednesday));
        Assert.False(calendar.IsBusinessDay(holyWednesday.AddDays(1)));
        Assert.False(calendar.IsBusinessDay(holyWednesday.AddDays(2)));
        Assert.Equal("Jueves Santo", calendar.HolidayOn(holyWednesday.AddDays(1))?.Name);
        Assert.Equal("Viernes Santo", calendar.HolidayOn(holyWednesday.AddDays(2))?.Name);
        Assert.Equal("Sábado Santo", calendar.HolidayOn(holyWednesday.AddDays(3))?.Name);
        Assert.True(calendar.IsBusinessDay(holyWednesday.AddDays(5)));
    }

    [Fact]
    public void IsBusinessDay_Weekend_IsFalse()
    {
        var calendar = Calendar();

        Assert.False(calendar.IsBusinessDay(new DateOnly(2026, 3, 14)));
        Assert.False(calendar.IsBusinessDay(new DateOnly(2026, 3, 15)));
        Assert.True(calendar.IsBusinessDay(new DateOnly(2026, 3, 16)));
    }

    [Fact]
    public void IsBusinessDay_ChristmasEve_IsHalfBusinessDay()
    {
        var calendar = Calendar();
        var christmasEve = new DateOnly(2025, 12, 24);

        Assert.True(calendar.IsBusinessDay(christmasEve));
        Assert.Equal(new Holiday(christmasEve, "Nochebuena", HalfDay: true), calendar.HolidayOn(christmasEve));
        Assert.False(calendar.IsBusinessDay(new DateOnly(2025, 12, 25)));
    }

    [Fact]
    public void IsBusinessDay_August15_DependsOnSetting()
    {
        var august15 = new DateOnly(2025, 8, 15); // a Friday

        Assert.False(Calendar().IsBusinessDay(august15));
        Assert.True(Calendar(o => o.IncludeAugust15 = false).IsBusinessDay(august15));
        Assert.Null(Calendar(o => o.IncludeAugust15 = false).HolidayOn(august15));
    }

    [Fact]
    public void HolidayOn_ExtraHoliday_ReturnsConfiguredNameAndIsNotBusinessDay()
    {
        var calendar = Calendar(o => o.ExtraHolidays.Add(new ExtraHoliday
        {
            Date = new DateOnly(2026, 3, 17),
            Name = "Asueto por acuerdo gubernativo",
        }));

        Assert.Equal("Asueto por acuerdo gubernativo", calendar.HolidayOn(new DateOnly(2026, 3, 17))?.Name);
        Assert.False(calendar.IsBusinessDay(new DateOnly(2026, 3, 17)));
        Assert.True(calendar.IsBusinessDay(new DateOnly(2027, 3, 17)));
    }

    [Fact]
    public void HolidayOn_ExtraHolidayOnChristmasEve_MakesItAFullDayOff()
    {
        var calendar = Calendar(o => o.ExtraHolidays.Add(new ExtraHoliday { Date = new DateOnly(2025, 12, 24) }));

        Assert.False(calendar.IsBusinessDay(new DateOnly(2025, 12, 24)));
        Assert.Equal(new Holiday(new DateOnly(2025, 12, 24), "Asueto"), calendar.HolidayOn(new DateOnly(2025, 12, 24)));
    }

    [Fact]
    public void HolidayOn_ExtraHolidayOnStatutoryDay_KeepsStatutoryName()
    {
        var calendar = Calendar(o => o.ExtraHolidays.Add(new ExtraHoliday { Date = new DateOnly(2026, 9, 15), Name = "Otro" }));

        Assert.Equal("Día de la Independencia", calendar.HolidayOn(new DateOnly(2026, 9, 15))?.Name);
    }

    [Theory]
    [InlineData(2026, 3, 13, 1, 2026, 3, 16)] // Friday + 1 -> Monday
    [InlineData(2026, 3, 14, 1, 2026, 3, 16)] // Saturday + 1 -> Monday
    [InlineData(2026, 3, 16, 5, 2026, 3, 23)] // a full week
    [InlineData(2026, 4, 6, -2, 2026, 3, 31)] // back over Holy Week
    [InlineData(2026, 4, 1, 1, 2026, 4, 6)] // forward over Holy Week
    [InlineData(2025, 12, 23, 2, 2025, 12, 26)] // half day counts, Christmas does not
    [InlineData(2026, 3, 16, -1, 2026, 3, 13)] // Monday - 1 -> Friday
    public void AddBusinessDays_Days_KeepsTimeOnNthBusinessDay(
        int year, int month, int day, int days, int expectedYear, int expectedMonth, int expectedDay)
    {
        var calendar = Calendar();

        var result = calendar.AddBusinessDays(Gt(year, month, day, 10, 30), days);

        Assert.Equal(Gt(expectedYear, expectedMonth, expectedDay, 10, 30), result);
        Assert.Equal(Guatemala, result.Offset);
    }

    [Fact]
    public void AddBusinessDays_Zero_ReturnsStartUnchanged()
    {
        var start = new DateTimeOffset(2026, 3, 14, 18, 0, 0, TimeSpan.Zero);

        var result = Calendar().AddBusinessDays(start, 0);

        Assert.Equal(start, result);
        Assert.Equal(TimeSpan.Zero, result.Offset);
    }

    [Fact]
    public void AddBusinessDays_StartInUtc_UsesGuatemalanLocalDateAndTime()
    {
        // 2026-03-14 03:00Z is Friday 2026-03-13 21:00 in Guatemala.
        var start = new DateTimeOffset(2026, 3, 14, 3, 0, 0, TimeSpan.Zero);

        var result = Calendar().AddBusinessDays(start, 1);

        Assert.Equal(Gt(2026, 3, 16, 21), result);
        Assert.Equal(Guatemala, result.Offset);
    }

    [Fact]
    public void IsOverdue_NowEqualOrAfterDue_OnlyAfterIsOverdue()
    {
        var calendar = Calendar();
        var due = Gt(2026, 3, 16, 12);

        Assert.False(calendar.IsOverdue(due, due));
        Assert.False(calendar.IsOverdue(due, due.AddTicks(-1)));
        Assert.True(calendar.IsOverdue(due, due.AddTicks(1)));
        Assert.False(calendar.IsOverdue(due, due.ToUniversalTime()));
    }

    [Fact]
    public void TimeZone_Default_IsGuatemalaWithoutDaylightSaving()
    {
        var zone = Calendar().TimeZone;

        Assert.Equal(Guatemala, zone.GetUtcOffset(new DateTime(2026, 1, 15, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(Guatemala, zone.GetUtcOffset(new DateTime(2026, 7, 15, 12, 0, 0, DateTimeKind.Utc)));
    }
}
