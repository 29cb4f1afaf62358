namespace SosepBot.Core.Scheduling;

/// <summary>Finds the configured time zone, with a fixed fallback for Guatemala only.</summary>
internal static class TimeZoneResolver
{
    public const string GuatemalaId = "America/Guatemala";

    public static bool TryResolve(string? id, out TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found))
        {
            zone = found;
            return true;
        }

        if (string.Equals(id, GuatemalaId, StringComparison.Ordinal))
        {
            // Guatemala has no daylight saving time: UTC-06:00 all year.
            zone = TimeZoneInfo.CreateCustomTimeZone(GuatemalaId, TimeSpan.FromHours(-6), "Guatemala", "Guatemala");
            return true;
        }

        zone = TimeZoneInfo.Utc;
        return false;
    }
}
