namespace SosepBot.Core.Notifications;

/// <summary>An outgoing message that was given up, as IT staff see it (no body: it may carry personal data).</summary>
public sealed record DeadLetterView(
    long Id,
    OutboxChannel Channel,
    string Kind,
    string Recipient,
    string? RequestNumber,
    string Subject,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? GivenUpAt);
