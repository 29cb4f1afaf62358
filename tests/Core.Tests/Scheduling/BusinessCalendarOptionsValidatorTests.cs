using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SosepBot.Core.Scheduling;

namespace SosepBot.Core.Tests.Scheduling;

public sealed class BusinessCalendarOptionsValidatorTests
{
    private readonly BusinessCalendarOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = _validator.Validate(Options.DefaultName, new BusinessCalendarOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Central America Standard Time X")]
    public void Validate_UnknownTimeZone_FailsNamingTheSetting(string zone)
    {
        var result = _validator.Validate(Options.DefaultName, new BusinessCalendarOptions { TimeZone = zone });

        Assert.True(result.Failed);
        Assert.Contains($"BusinessCalendar:TimeZone '{zone}'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyTimeZone_FailsNamingTheSetting()
    {
        var result = _validator.Validate(Options.DefaultName, new BusinessCalendarOptions { TimeZone = " " });

        Assert.True(result.Failed);
        Assert.Contains("BusinessCalendar:TimeZone is required", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(16, 16)]
    [InlineData(17, 8)]
    public void Validate_StartNotBeforeEnd_FailsNamingBothSettings(int start, int end)
    {
        var options = new BusinessCalendarOptions
        {
            WorkdayStart = new TimeOnly(start, 0),
            WorkdayEnd = new TimeOnly(end, 0),
        };

        var result = _validator.Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains(
            "BusinessCalendar:WorkdayEnd must be after BusinessCalendar:WorkdayStart",
            result.FailureMessage,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(7)]
    [InlineData(17)]
    public void Validate_HalfDayEndOutsideWorkday_FailsNamingTheSetting(int halfDayEnd)
    {
        var options = new BusinessCalendarOptions { HalfDayEnd = new TimeOnly(halfDayEnd, 0) };

        var result = _validator.Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains("BusinessCalendar:HalfDayEnd", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ExtraHolidayWithoutDate_FailsNamingTheEntry()
    {
        var options = new BusinessCalendarOptions();
        options.ExtraHolidays.Add(new ExtraHoliday { Date = new DateOnly(2026, 3, 17) });
        options.ExtraHolidays.Add(new ExtraHoliday { Name = "Sin fecha" });

        var result = _validator.Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains("BusinessCalendar:ExtraHolidays:1:Date", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("ExtraHolidays:0", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsWithSettingName()
    {
        var options = Options.Create(new BusinessCalendarOptions { TimeZone = "Mars/Olympus_Mons" });

        var ex = Assert.Throws<OptionsValidationException>(() => new BusinessCalendar(options));

        Assert.Contains("BusinessCalendar:TimeZone", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddBusinessCalendar_InvalidOptions_ResolvingFailsWithSettingName()
    {
        var services = new ServiceCollection();
        services.AddBusinessCalendar().Configure(o => o.WorkdayEnd = new TimeOnly(7, 0));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<BusinessCalendar>());

        Assert.Contains("BusinessCalendar:WorkdayEnd must be after BusinessCalendar:WorkdayStart", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddBusinessCalendar_EmptyTimeZone_DataAnnotationsReject()
    {
        var services = new ServiceCollection();
        services.AddBusinessCalendar().Configure(o => o.TimeZone = string.Empty);
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<BusinessCalendarOptions>>().Value);

        Assert.Contains("TimeZone", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddBusinessCalendar_ValidOptions_ResolvesSingleton()
    {
        var services = new ServiceCollection();
        services.AddBusinessCalendar();
        using var provider = services.BuildServiceProvider();

        var calendar = provider.GetRequiredService<BusinessCalendar>();

        Assert.Same(calendar, provider.GetRequiredService<BusinessCalendar>());
        Assert.True(calendar.IsBusinessDay(new DateOnly(2026, 3, 16)));
    }

    [Fact]
    public void TryResolve_Guatemala_IsFoundOrFallsBackToFixedOffset()
    {
        Assert.True(TimeZoneResolver.TryResolve("America/Guatemala", out var zone));
        Assert.Equal(TimeSpan.FromHours(-6), zone.BaseUtcOffset);
        Assert.False(TimeZoneResolver.TryResolve("America/Nowhere", out _));
    }
}
