using SosepBot.Core.Mail;

namespace SosepBot.Mailbox.Quarantine;

/// <summary>A quarantined mail as staff see it (no body: they decide on sender, subject and reason).</summary>
public sealed record QuarantineView(
    long Id,
    string Reason,
    string ReasonText,
    string From,
    string? Subject,
    QuarantineStatus Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? DecidedAt,
    string? RequestNumber);
