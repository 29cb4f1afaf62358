namespace SosepBot.Core.Scheduled;

/// <summary>
/// A notice the scheduled jobs decided to send (a visit reminder, an escalation threshold, a digest).
/// <see cref="Key"/> is unique: the row and its outbox messages are written in one transaction, so a job
/// that runs twice, on two instances or again after a restart, sends each notice once.
/// </summary>
public sealed class JobNotice
{
    public long Id { get; set; }

    /// <summary>"recordatorio-unidad:42:638…", "escalamiento:42:En atención:638…:2", "resumen-diario:2026-03-02"…</summary>
    public required string Key { get; set; }

    /// <summary>"recordatorio-unidad", "recordatorio-tecnico", "escalamiento", "resumen-diario", "resumen-semanal".</summary>
    public required string Kind { get; set; }

    public long? RequestId { get; set; }

    /// <summary>The step the notice is about (escalations).</summary>
    public string? State { get; set; }

    /// <summary>Escalation threshold: 1 the person responsible, 2 their head, 3 the IT director.</summary>
    public int? Level { get; set; }

    /// <summary>When the step (or the visit date) the notice belongs to started; escalations of one episode share it.</summary>
    public DateTimeOffset? Episode { get; set; }

    /// <summary>How many outbox messages were queued with it (zero when nobody could be reached).</summary>
    public int Messages { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
