using System.ComponentModel.DataAnnotations;

namespace SosepBot.Core.Notifications;

/// <summary>Delivery retries. Section "Outbox".</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    [Range(1, 100, ErrorMessage = "Outbox:MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First retry delay; doubles on each attempt (with jitter), up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long a claimed message stays with the dispatcher that claimed it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 1000, ErrorMessage = "Outbox:BatchSize must be between 1 and 1000.")]
    public int BatchSize { get; set; } = 50;
}
