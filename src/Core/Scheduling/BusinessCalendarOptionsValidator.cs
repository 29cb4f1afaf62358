using System.Globalization;
using Microsoft.Extensions.Options;

namespace SosepBot.Core.Scheduling;

/// <summary>Cross-field rules for <see cref="BusinessCalendarOptions"/>; each failure names the setting.</summary>
public sealed class BusinessCalendarOptionsValidator : IValidateOptions<BusinessCalendarOptions>
{
    private const string Section = BusinessCalendarOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, BusinessCalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.TimeZone))
        {
            failures.Add($"{Section}:TimeZone is required.");
        }
        else if (!TimeZoneResolver.TryResolve(options.TimeZone, out _))
        {
            failures.Add($"{Section}:TimeZone '{options.TimeZone}' is not a time zone known on this machine.");
        }

        if (options.WorkdayEnd <= options.WorkdayStart)
        {
            failures.Add($"{Section}:WorkdayEnd must be after {Section}:WorkdayStart.");
        }
        else if (options.HalfDayEnd <= options.WorkdayStart || options.HalfDayEnd > options.WorkdayEnd)
        {
            failures.Add(
                $"{Section}:HalfDayEnd must be after {Section}:WorkdayStart and not after {Section}:WorkdayEnd.");
        }

        for (var i = 0; i < options.ExtraHolidays.Count; i++)
        {
            var extra = options.ExtraHolidays[i];
            if (extra is null || extra.Date == default)
            {
                failures.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{Section}:ExtraHolidays:{i}:Date is required (format yyyy-MM-dd)."));
            }
            else if (string.IsNullOrWhiteSpace(extra.Name))
            {
                failures.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{Section}:ExtraHolidays:{i}:Name must not be empty (omit it to use the default)."));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
