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
            throw new DomainException(ErrorKind.Invalid, "Indique la regla de repetición (por ejemplo «FREQ=MONTHLY;INTERVAL=6»).") { Field = "regla" };
        }

        try
        {
            var pattern = new RecurrencePattern(text);
            if (pattern.Frequency < Ical.Net.FrequencyType.Daily)
            {
                throw new DomainException(ErrorKind.Invalid, "Las visitas se repiten como mucho una vez al día (FREQ=DAILY, WEEKLY, MONTHLY o YEARLY).") { Field = "regla" };
            }

            return pattern;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new DomainException(ErrorKind.Invalid, $"La regla de repetición «{text}» no es válida (RFC 5545): escriba, por ejemplo, «FREQ=MONTHLY;BYDAY=2TU» o «FREQ=WEEKLY;INTERVAL=2».") { Field = "regla" };
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
