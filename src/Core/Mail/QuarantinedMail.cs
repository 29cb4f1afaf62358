namespace SosepBot.Core.Mail;

/// <summary>A mail held for staff: they see why (<see cref="Reason"/>), and release or discard it.</summary>
public sealed class QuarantinedMail
{
    public long Id { get; set; }

    public long MailRecordId { get; set; }

    public MailRecord? MailRecord { get; set; }

    /// <summary>"domain" (sender outside the allowed domains), "spf", "dkim", "dmarc".</summary>
    public required string Reason { get; set; }

    public required string FromAddress { get; set; }

    public string? Subject { get; set; }

    /// <summary>The raw message, so that a release processes exactly what arrived.</summary>
    public required byte[] Raw { get; set; }

    public QuarantineStatus Status { get; set; } = QuarantineStatus.Held;

    public DateTimeOffset ReceivedAt { get; set; }

    public long? DecidedById { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The request the released mail opened or joined.</summary>
    public string? RequestNumber { get; set; }

    public int Version { get; set; }
}
