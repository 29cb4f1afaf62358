namespace SosepBot.Core.Notifications;

/// <summary>
/// One message to deliver (a notice, an acknowledgement, a reminder, a digest). Written in the same
/// transaction as what caused it; delivered by <see cref="OutboxDispatcher"/> with retries and backoff,
/// or visibly dead-lettered. <see cref="DedupKey"/> is unique, so a cause that is processed twice
/// queues its message once.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public OutboxChannel Channel { get; set; }

    /// <summary>"request-state:UI-2026-00042:17:ana@sosep.gob.gt"-like key; unique.</summary>
    public required string DedupKey { get; set; }

    /// <summary>What it is: "estado", "asignacion", "acuse", "recordatorio", "escalamiento", "resumen"…</summary>
    public required string Kind { get; set; }

    public long? RecipientId { get; set; }

    /// <summary>The address on its channel: an e-mail address, or the person id for Teams.</summary>
    public required string Recipient { get; set; }

    public long? RequestId { get; set; }

    public string? RequestNumber { get; set; }

    public required string Subject { get; set; }

    /// <summary>Plain-text body in Spanish.</summary>
    public required string Text { get; set; }

    /// <summary>Optional HTML body (mail) — clean, with no remote content.</summary>
    public string? Html { get; set; }

    /// <summary>Channel-specific payload (e.g. an Adaptive Card as JSON).</summary>
    public string? Payload { get; set; }

    /// <summary>The Message-ID (mail) or activity id (Teams) once sent, to thread replies.</summary>
    public string? ProviderId { get; set; }

    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A dispatcher that claimed the message owns it until then (several instances may run).</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>When delivery was last tried (for a dead letter: when it was given up).</summary>
    public DateTimeOffset? LastAttemptAt { get; set; }

    public string? LastError { get; set; }

    public int Version { get; set; }
}
