using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;
using SosepBot.Core.Errors;

namespace SosepBot.Jobs.Maintenance;

/// <summary>RFC 5545 recurrence (Ical.Net) on the offices' wall clock: "FREQ=MONTHLY;INTERVAL=6", "FREQ=MONTHLY;BYDAY=1MO".</summary>
public static class MaintenanceRecurrence
{
    /// <summary>Parses a rule, with or without the "RRULE:" prefix; a wrong one is refused in Spanish.</summary>
    public static RecurrencePattern Parse(string? rule)
    {
        var text = (rule ?? string.Empty).Trim();
        if (text.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[6..];
        }

        if (text.Length == 0)
        {
            throw new DomainException(ErrorKind.Invalid, JobTexts.RuleNeeded) { Field = "regla" };
        }

        try
        {
            var pattern = new RecurrencePattern(text);
            if (pattern.Frequency < Ical.Net.FrequencyType.Daily)
            {
                throw new DomainException(ErrorKind.Invalid, JobTexts.AtMostDaily) { Field = "regla" };
            }

            return pattern;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new DomainException(ErrorKind.Invalid, JobTexts.RuleInvalid(text)) { Field = "regla" };
        }
    }

    /// <summary>Occurrences in [<paramref name="fromLocal"/>, <paramref name="toLocal"/>), in order.</summary>
    public static IReadOnlyList<DateTime> Between(string rule, DateTime firstLocal, DateTime fromLocal, DateTime toLocal)
    {
        var e = new CalendarEvent
        {
            Start = new CalDateTime(DateOnly.FromDateTime(firstLocal), TimeOnly.FromDateTime(firstLocal), null),
            RecurrenceRule = Parse(rule),
        };
        var from = new CalDateTime(DateOnly.FromDateTime(fromLocal), TimeOnly.FromDateTime(fromLocal), null);
        var to = new CalDateTime(DateOnly.FromDateTime(toLocal), TimeOnly.FromDateTime(toLocal), null);
        return e.GetOccurrences(from, new EvaluationOptions()).TakeWhileBefore(to)
            .Select(o => o.Period.StartTime.Value)
            .Where(t => t >= fromLocal)
            .Take(1000)
            .ToList();
    }
}
