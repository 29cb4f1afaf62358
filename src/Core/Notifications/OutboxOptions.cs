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

    /// <summary>
    /// How long a claimed message stays with the dispatcher that claimed it. Its send is given <see cref="SendShare"/> of it
    /// and then abandoned (a transient failure, retried later), so no other instance takes a message while a send of it may
    /// still be under way. A dead instance costs the one message it was sending, which waits this long. Ten minutes: the
    /// send's eight cover the longest sends of the code's own timeouts (Teams: two connector calls of four 15-second tries
    /// with up to 30 s between them, 5 min; SMTP: MailKit's 2 minutes for each of connect, authenticate, send and quit).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = "Outbox:Lease must be between 5 seconds and 1 hour.")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The share of <see cref="Lease"/> a send may take; the rest covers recording the result and clocks that differ between instances.</summary>
    public const double SendShare = 0.8;

    /// <summary>How long one send may take before it is abandoned (<see cref="SendShare"/> of <see cref="Lease"/>).</summary>
    public TimeSpan SendLimit => Lease * SendShare;

    [Range(1, 1000, ErrorMessage = "Outbox:BatchSize must be between 1 and 1000.")]
    public int BatchSize { get; set; } = 50;
}
