using SosepBot.Core.Scheduling;
using static SosepBot.Core.Tests.Scheduling.CalendarTestData;

namespace SosepBot.Core.Tests.Scheduling;

public sealed class BusinessCalendarHoursTests
{
    public static TheoryData<DateTimeOffset, double, DateTimeOffset> AddCases => new()
    {
        // Within one day.
        { Gt(2026, 3, 16, 9), 2, Gt(2026, 3, 16, 11) },
        // Ends exactly at closing: stays on the same day.
        { Gt(2026, 3, 16, 15), 1, Gt(2026, 3, 16, 16) },
        // Across a weekend: Friday 15:00 + 2h -> Monday 09:00.
        { Gt(2026, 3, 13, 15), 2, Gt(2026, 3, 16, 9) },
        // Across Holy Week 2026: Wednesday 15:00 + 4h -> Monday 11:00.
        { Gt(2026, 4, 1, 15), 4, Gt(2026, 4, 6, 11) },
        // Across Christmas Eve (08:00-12:00) and Christmas: 1h + 4h, then Friday 26th.
        { Gt(2025, 12, 23, 15), 6, Gt(2025, 12, 26, 9) },
        // Across Dec 31 (half day) and New Year's Day 2026 (Thursday).
        { Gt(2025, 12, 31, 11), 2, Gt(2026, 1, 2, 9) },
        // On Christmas Eve after the half-day closing.
        { Gt(2025, 12, 24, 13), 1, Gt(2025, 12, 26, 9) },
        // Before opening.
        { Gt(2026, 3, 16, 6, 30), 1, Gt(2026, 3, 16, 9) },
        // After closing.
        { Gt(2026, 3, 16, 16, 30), 1, Gt(2026, 3, 17, 9) },
        // Exactly at closing counts as outside hours.
        { Gt(2026, 3, 16, 16), 1, Gt(2026, 3, 17, 9) },
        // Starting on a Saturday.
        { Gt(2026, 3, 14, 10), 0.5, Gt(2026, 3, 16, 8, 30) },
        // Two full business days from an opening.
        { Gt(2026, 3, 16, 8), 16, Gt(2026, 3, 17, 16) },
        // Minutes are kept.
        { Gt(2026, 3, 16, 15, 45), 0.5, Gt(2026, 3, 17, 8, 15) },
    };

    [Theory]
    [MemberData(nameof(AddCases))]
    public void AddBusinessHours_Case_ReturnsExpectedLocalTime(DateTimeOffset start, double hours, DateTimeOffset expected)
    {
        var result = Calendar().AddBusinessHours(start, TimeSpan.FromHours(hours));

        Assert.Equal(expected, result);
        Assert.Equal(Guatemala, result.Offset);
    }

    [Fact]
    public void AddBusinessHours_ExtraHoliday_IsSkipped()
    {
        var start = Gt(2026, 3, 16, 15);
        var withAsueto = Calendar(o => o.ExtraHolidays.Add(new ExtraHoliday { Date = new DateOnly(2026, 3, 17) }));

        Assert.Equal(Gt(2026, 3, 17, 9), Calendar().AddBusinessHours(start, TimeSpan.FromHours(2)));
        Assert.Equal(Gt(2026, 3, 18, 9), withAsueto.AddBusinessHours(start, TimeSpan.FromHours(2)));
    }

    [Fact]
    public void AddBusinessHours_ConfiguredHours_AreUsed()
    {
        var calendar = Calendar(o =>
        {
            o.WorkdayStart = new TimeOnly(7, 30);
            o.WorkdayEnd = new TimeOnly(15, 30);
            o.HalfDayEnd = new TimeOnly(11, 0);
        });

        Assert.Equal(Gt(2026, 3, 17, 8, 30), calendar.AddBusinessHours(Gt(2026, 3, 16, 15), TimeSpan.FromHours(1.5)));
        Assert.Equal(Gt(2025, 12, 26, 8, 30), calendar.AddBusinessHours(Gt(2025, 12, 24, 10), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void AddBusinessHours_ZeroDuration_ReturnsStartUnchanged()
    {
        var saturdayUtc = new DateTimeOffset(2026, 3, 14, 20, 0, 0, TimeSpan.Zero);

        var result = Calendar().AddBusinessHours(saturdayUtc, TimeSpan.Zero);

        Assert.Equal(saturdayUtc, result);
        Assert.Equal(TimeSpan.Zero, result.Offset);
    }

    [Fact]
    public void AddBusinessHours_NegativeDuration_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => Calendar().AddBusinessHours(Gt(2026, 3, 16, 9), TimeSpan.FromMinutes(-1)));
    }

    [Fact]
    public void AddBusinessHours_StartInUtc_ReturnsGuatemalanOffset()
    {
        // 14:00Z is 08:00 in Guatemala.
        var result = Calendar().AddBusinessHours(new DateTimeOffset(2026, 3, 16, 14, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1));

        Assert.Equal(Gt(2026, 3, 16, 9), result);
        Assert.Equal(Guatemala, result.Offset);
    }

    [Fact]
    public void AddBusinessHours_ThousandHours_RoundTripsAndLandsInBusinessHours()
    {
        var calendar = Calendar();
        var start = Gt(2026, 1, 5, 10);

        var due = calendar.AddBusinessHours(start, TimeSpan.FromHours(1000));

        Assert.Equal(TimeSpan.FromHours(1000), calendar.BusinessTimeBetween(start, due));
        Assert.True(calendar.IsBusinessDay(DateOnly.FromDateTime(due.DateTime)));
        // 125 business days of 8 hours, minus holidays and weekends: somewhere in July 2026.
        Assert.Equal(7, due.Month);
    }

    [Fact]
    public void AddBusinessHours_TenYearsOfHours_RoundTrips()
    {
        var calendar = Calendar();
        var start = Gt(2026, 1, 5, 10);
        var duration = TimeSpan.FromHours(8 * 250 * 10);

        var due = calendar.AddBusinessHours(start, duration);

        Assert.Equal(duration, calendar.BusinessTimeBetween(start, due));
    }

    public static TheoryData<DateTimeOffset, double> RoundTripCases => new()
    {
        { Gt(2026, 3, 16, 9), 0.25 },
        { Gt(2026, 3, 13, 15, 59), 1 },
        { Gt(2026, 3, 14, 12), 8 },
        { Gt(2026, 3, 31, 14), 12.5 },
        { Gt(2026, 4, 2, 9), 3 },
        { Gt(2025, 12, 22, 8), 20 },
        { Gt(2025, 12, 24, 11, 30), 0.5 },
        { Gt(2025, 12, 24, 11, 30), 0.75 },
        { Gt(2025, 12, 30, 16, 30), 40 },
        { Gt(2027, 3, 23, 7), 24 },
        { Gt(2026, 8, 14, 15), 2 },
        { Gt(2026, 6, 29, 23, 59), 9 },
    };

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void BusinessTimeBetween_AddBusinessHoursResult_ReturnsDuration(DateTimeOffset start, double hours)
    {
        var calendar = Calendar();
        var duration = TimeSpan.FromHours(hours);

        var due = calendar.AddBusinessHours(start, duration);

        Assert.Equal(duration, calendar.BusinessTimeBetween(start, due));
    }

    [Fact]
    public void BusinessTimeBetween_KnownSpans_CountOnlyBusinessHours()
    {
        var calendar = Calendar();

        Assert.Equal(TimeSpan.FromHours(2), calendar.BusinessTimeBetween(Gt(2026, 3, 13, 15), Gt(2026, 3, 16, 9)));
        Assert.Equal(TimeSpan.FromHours(4), calendar.BusinessTimeBetween(Gt(2025, 12, 24, 0), Gt(2025, 12, 26, 8)));
        Assert.Equal(TimeSpan.FromHours(40), calendar.BusinessTimeBetween(Gt(2026, 3, 16, 0), Gt(2026, 3, 23, 0)));
        Assert.Equal(TimeSpan.FromHours(1), calendar.BusinessTimeBetween(Gt(2026, 4, 1, 15), Gt(2026, 4, 6, 8)));
    }

    [Fact]
    public void BusinessTimeBetween_ToNotAfterFrom_IsZero()
    {
        var calendar = Calendar();

        Assert.Equal(TimeSpan.Zero, calendar.BusinessTimeBetween(Gt(2026, 3, 16, 10), Gt(2026, 3, 16, 10)));
        Assert.Equal(TimeSpan.Zero, calendar.BusinessTimeBetween(Gt(2026, 3, 16, 12), Gt(2026, 3, 16, 10)));
    }

    [Fact]
    public void BusinessTimeBetween_MixedOffsets_ComparesInstants()
    {
        // 15:00Z and 17:00Z are 09:00 and 11:00 in Guatemala.
        var from = new DateTimeOffset(2026, 3, 16, 15, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromHours(2), Calendar().BusinessTimeBetween(from, Gt(2026, 3, 16, 11)));
    }

    [Theory]
    [InlineData(2026, 3, 16, 10, 0, 2026, 3, 16, 10, 0)] // inside hours: unchanged
    [InlineData(2026, 3, 16, 7, 0, 2026, 3, 16, 8, 0)] // before opening
    [InlineData(2026, 3, 16, 16, 0, 2026, 3, 17, 8, 0)] // at closing
    [InlineData(2026, 3, 14, 10, 0, 2026, 3, 16, 8, 0)] // Saturday
    [InlineData(2026, 4, 2, 10, 0, 2026, 4, 6, 8, 0)] // Holy Thursday
    [InlineData(2025, 12, 24, 12, 0, 2025, 12, 26, 8, 0)] // Christmas Eve at noon
    [InlineData(2025, 12, 24, 11, 59, 2025, 12, 24, 11, 59)] // Christmas Eve before noon
    public void NextBusinessMoment_Time_ReturnsSameOrNextOpening(
        int year, int month, int day, int hour, int minute,
        int expectedYear, int expectedMonth, int expectedDay, int expectedHour, int expectedMinute)
    {
        var result = Calendar().NextBusinessMoment(Gt(year, month, day, hour, minute));

        Assert.Equal(Gt(expectedYear, expectedMonth, expectedDay, expectedHour, expectedMinute), result);
        Assert.Equal(Guatemala, result.Offset);
    }
}
