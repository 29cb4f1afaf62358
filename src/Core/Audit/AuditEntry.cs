using SosepBot.Core.Requests;

namespace SosepBot.Core.Audit;

/// <summary>One line of a request's history: who, in which role, when, from where, from → to. Never updated.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public DateTimeOffset At { get; set; }

    public long? ActorId { get; set; }

    public required string ActorName { get; set; }

    /// <summary>The role the actor acted in, in Spanish ("Solicitante" for the requester).</summary>
    public required string Role { get; set; }

    public Channel Channel { get; set; }

    public AuditKind Kind { get; set; }

    /// <summary>The action code for transitions ("asignar"), empty otherwise.</summary>
    public string? Action { get; set; }

    public string? FromState { get; set; }

    public string? ToState { get; set; }

    /// <summary>Justification, observations, comment text or file name.</summary>
    public string? Detail { get; set; }
}
