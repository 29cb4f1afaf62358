namespace SosepBot.Core.Scheduling;

/// <summary>A day off, statutory or configured.</summary>
/// <param name="Date">The calendar date.</param>
/// <param name="Name">Spanish name shown to users.</param>
/// <param name="HalfDay">True when only the afternoon is off (Dec 24 and Dec 31).</param>
public sealed record Holiday(DateOnly Date, string Name, bool HalfDay = false);
