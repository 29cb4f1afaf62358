namespace SosepBot.Core.Mail;

/// <summary>
/// One incoming mail, recorded in the same transaction as what it caused, so that it is processed exactly
/// once: (<see cref="Mailbox"/>, <see cref="ExternalId"/>) is unique — UIDVALIDITY:UID on IMAP, the immutable
/// id on Microsoft Graph.
/// </summary>
public sealed class MailRecord
{
    public long Id { get; set; }

    /// <summary>The watched mailbox ("imap:helpdesk@sosep.gob.gt/INBOX", "graph:helpdesk@sosep.gob.gt").</summary>
    public required string Mailbox { get; set; }

    /// <summary>"UIDVALIDITY:UID" (IMAP) or the Graph message id.</summary>
    public required string ExternalId { get; set; }

    public string? MessageId { get; set; }

    /// <summary>SHA-256 of the raw message, hex.</summary>
    public required string Sha256 { get; set; }

    public MailOutcome Outcome { get; set; }

    /// <summary>Reason code for ignored, quarantined and refused mail ("auto-submitted", "domain", "spf"…).</summary>
    public string? Reason { get; set; }

    public string? FromAddress { get; set; }

    public string? Subject { get; set; }

    public long? RequestId { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}
