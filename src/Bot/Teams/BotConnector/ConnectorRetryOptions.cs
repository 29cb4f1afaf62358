using System.ComponentModel.DataAnnotations;

namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>Retries of calls to the connector that fail with 429, 5xx or a network error.</summary>
public sealed class ConnectorRetryOptions
{
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A Retry-After longer than this is not waited for in-line; the caller (the outbox) retries later.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);
}
