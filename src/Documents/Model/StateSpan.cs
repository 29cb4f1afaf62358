namespace SosepBot.Documents.Model;

/// <summary>One stay of a request in a state: when it entered, when it left (null = still there), business and calendar hours.</summary>
internal sealed record StateSpan(string State, DateTime Entered, DateTime? Left, double BusinessHours, double CalendarHours);
