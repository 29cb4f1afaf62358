using System.ComponentModel.DataAnnotations;

namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>Teams' documented limits per bot per conversation: 7 operations per second, 60 per 30 seconds, 1,800 per hour.</summary>
public sealed class ConnectorRateLimitOptions
{
    [Range(0, 1000)]
    public int PerSecond { get; set; } = 7;

    [Range(0, 10_000)]
    public int Per30Seconds { get; set; } = 60;

    [Range(0, 100_000)]
    public int PerHour { get; set; } = 1800;
}
