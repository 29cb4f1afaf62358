using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace SosepBot.Core.Scheduling;

/// <summary>
/// Business days and hours of SOSEP's offices, used for time limits. All arithmetic is done on
/// the local wall clock of the configured zone, and results carry that zone's offset.
/// Business hours of a day are the half-open interval [WorkdayStart, WorkdayEnd)
/// ([WorkdayStart, HalfDayEnd) on half days); Saturdays, Sundays and full-day holidays have none.
/// </summary>
public sealed class BusinessCalendar
{
    // No real calendar goes ten years without a business day; this only stops a runaway loop.
    private const int MaxDaysWithoutBusinessDay = 3660;

    private readonly TimeOnly _workdayStart;
    private readonly TimeOnly _workdayEnd;
    private readonly TimeOnly _halfDayEnd;
    private readonly bool _includeAugust15;
    private readonly Dictionary<DateOnly, Holiday> _extraHolidays = [];
    private readonly ConcurrentDictionary<int, Dictionary<DateOnly, Holiday>> _holidaysByYear = new();
    private readonly Func<int, Dictionary<DateOnly, Holiday>> _buildYear;

    public BusinessCalendar(IOptions<BusinessCalendarOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;

        var validation = new BusinessCalendarOptionsValidator().Validate(Options.DefaultName, value);
        if (validation.Failed)
        {
            throw new OptionsValidationException(
                Options.DefaultName, typeof(BusinessCalendarOptions), validation.Failures ?? []);
        }

        ResolveZone(value.TimeZone, out var zone);
        TimeZone = zone;
        _workdayStart = value.WorkdayStart;
        _workdayEnd = value.WorkdayEnd;
        _halfDayEnd = value.HalfDayEnd;
        _includeAugust15 = value.IncludeAugust15;
        foreach (var extra in value.ExtraHolidays)
        {
            _extraHolidays[extra.Date] = new Holiday(extra.Date, extra.Name);
        }

        _buildYear = BuildYear;
    }

    /// <summary>The resolved time zone of the offices.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Monday to Friday and not a full-day holiday. Half days are business days.</summary>
    public bool IsBusinessDay(DateOnly date) => TryGetHours(date, out _, out _);

    /// <summary>The holiday (statutory or configured, full or half day) on a date, if any.</summary>
    public Holiday? HolidayOn(DateOnly date) =>
        HolidaysOf(date.Year).GetValueOrDefault(date);

    /// <summary>
    /// Adds business time to <paramref name="start"/>. A start outside business hours counts from
    /// the next opening; a zero duration returns <paramref name="start"/> unchanged. A deadline
    /// that uses up a day exactly falls at that day's closing time, not at the next opening.
    /// </summary>
    public DateTimeOffset AddBusinessHours(DateTimeOffset start, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        if (duration == TimeSpan.Zero)
        {
            return start;
        }

        var position = NextBusinessLocal(ToLocal(start));
        var remaining = duration;
        while (true)
        {
            var day = DateOnly.FromDateTime(position);
            TryGetHours(day, out _, out var close);
            var available = day.ToDateTime(close) - position;
            if (remaining <= available)
            {
                return FromLocal(position + remaining);
            }

            remaining -= available;
            position = NextOpening(day.AddDays(1));
        }
    }

    /// <summary>Business time elapsed between two instants; zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public TimeSpan BusinessTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var localFrom = ToLocal(from);
        var localTo = ToLocal(to);
        var lastDay = DateOnly.FromDateTime(localTo);
        var total = TimeSpan.Zero;
        for (var day = DateOnly.FromDateTime(localFrom); day <= lastDay; day = day.AddDays(1))
        {
            if (!TryGetHours(day, out var open, out var close))
            {
                continue;
            }

            var begin = Max(localFrom, day.ToDateTime(open));
            var end = Min(localTo, day.ToDateTime(close));
            if (end > begin)
            {
                total += end - begin;
            }
        }

        return total;
    }

    /// <summary>
    /// The same local time of day on the <paramref name="days"/>-th business day after
    /// <paramref name="start"/> (before it when negative). The start day itself is not counted.
    /// The time of day is kept as is, even if it falls outside the hours of the target day.
    /// </summary>
    public DateTimeOffset AddBusinessDays(DateTimeOffset start, int days)
    {
        if (days == 0)
        {
            return start;
        }

        var local = ToLocal(start);
        var day = DateOnly.FromDateTime(local);
        var step = Math.Sign(days);
        var remaining = Math.Abs((long)days);
        while (remaining > 0)
        {
            day = day.AddDays(step);
            if (IsBusinessDay(day))
            {
                remaining--;
            }
        }

        return FromLocal(day.ToDateTime(TimeOnly.FromDateTime(local)));
    }

    /// <summary>True when <paramref name="now"/> is strictly after <paramref name="dueAt"/>.</summary>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Part of the calendar's API; callers hold a calendar, not the type.")]
    public bool IsOverdue(DateTimeOffset dueAt, DateTimeOffset now) => now > dueAt;

    /// <summary>
    /// <paramref name="t"/> itself (in the zone's offset) when it falls within business hours,
    /// otherwise the next opening.
    /// </summary>
    public DateTimeOffset NextBusinessMoment(DateTimeOffset t) => FromLocal(NextBusinessLocal(ToLocal(t)));

    private static void ResolveZone(string id, out TimeZoneInfo zone)
    {
        if (!TimeZoneResolver.TryResolve(id, out zone))
        {
            // Unreachable after validation; kept so the zone is never silently wrong.
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"{BusinessCalendarOptions.SectionName}:TimeZone '{id}' is not a time zone known on this machine."));
        }
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private DateTime ToLocal(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, TimeZone).DateTime;

    private DateTimeOffset FromLocal(DateTime local) => new(local, TimeZone.GetUtcOffset(local));

    private DateTime NextBusinessLocal(DateTime local)
    {
        var day = DateOnly.FromDateTime(local);
        if (TryGetHours(day, out var open, out var close))
        {
            var time = TimeOnly.FromDateTime(local);
            if (time < open)
            {
                return day.ToDateTime(open);
            }

            if (time < close)
            {
                return local;
            }
        }

        return NextOpening(day.AddDays(1));
    }

    private DateTime NextOpening(DateOnly from)
    {
        var day = from;
        for (var i = 0; i < MaxDaysWithoutBusinessDay; i++, day = day.AddDays(1))
        {
            if (TryGetHours(day, out var open, out _))
            {
                return day.ToDateTime(open);
            }
        }

        throw new InvalidOperationException(string.Create(
            CultureInfo.InvariantCulture,
            $"No business day found in the {MaxDaysWithoutBusinessDay} days from {from:yyyy-MM-dd}."));
    }

    private bool TryGetHours(DateOnly date, out TimeOnly open, out TimeOnly close)
    {
        open = _workdayStart;
        close = _workdayEnd;
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return false;
        }

        var holiday = HolidayOn(date);
        if (holiday is null)
        {
            return true;
        }

        if (holiday.HalfDay)
        {
            close = _halfDayEnd;
            return true;
        }

        return false;
    }

    private Dictionary<DateOnly, Holiday> HolidaysOf(int year) => _holidaysByYear.GetOrAdd(year, _buildYear);

    private Dictionary<DateOnly, Holiday> BuildYear(int year)
    {
        var holidays = GuatemalaHolidays.For(year, _includeAugust15).ToDictionary(h => h.Date);
        foreach (var (date, extra) in _extraHolidays)
        {
            // A configured day off is a full day; it overrides a statutory half day, not a full one.
            if (date.Year == year && (!holidays.TryGetValue(date, out var statutory) || statutory.HalfDay))
            {
                holidays[date] = extra;
            }
        }

        return holidays;
    }
}
