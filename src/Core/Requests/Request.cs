using SosepBot.Core.Attachments;
using SosepBot.Core.Audit;
using SosepBot.Core.People;

namespace SosepBot.Core.Requests;

/// <summary>One instance of a procedure: a ticket, an account request, a dictamen, a maintenance calendar or visit.</summary>
public sealed class Request
{
    public long Id { get; set; }

    /// <summary>Human-friendly, unique and yearly: "UI-2026-00042". Appears in mail subjects and cards.</summary>
    public required string Number { get; set; }

    public required string ProcedureCode { get; set; }

    public required string State { get; set; }

    public required string Title { get; set; }

    /// <summary>The request's description; its words, with the title's and the comments', are in the word index (<see cref="RequestWordIndex"/>).</summary>
    public string? Description { get; set; }

    public long RequesterId { get; set; }

    public Person? Requester { get; set; }

    public long? AssigneeId { get; set; }

    public Person? Assignee { get; set; }

    /// <summary>For a maintenance visit, its calendar.</summary>
    public long? ParentId { get; set; }

    public Channel OpenedVia { get; set; }

    public Priority Priority { get; set; } = Priority.Media;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset StateEnteredAt { get; set; }

    /// <summary>When the current step's time limit ends (business time); null when the step has none or the clock is paused.</summary>
    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Business time from opening to closing, in seconds; set when the request reaches a final state.</summary>
    public long? ResolutionBusinessSeconds { get; set; }

    /// <summary>A step was left (or the request closed) after its time limit had passed; the director's compliance figures count it.</summary>
    public bool LimitExceeded { get; set; }

    /// <summary>The step whose clock stopped when the request went to wait on its requester.</summary>
    public string? PausedState { get; set; }

    /// <summary>Business time that step had left when its clock stopped, in seconds.</summary>
    public long? PausedRemainingSeconds { get; set; }

    /// <summary>The unit a maintenance calendar or visit concerns.</summary>
    public string? Unit { get; set; }

    /// <summary>The registered unit a maintenance visit goes to (<see cref="Unit"/> then holds its name).</summary>
    public long? UnitId { get; set; }

    /// <summary>Date of a maintenance visit.</summary>
    public DateTimeOffset? ScheduledFor { get; set; }

    /// <summary>End date of a development work plan (DS-UI-02 step 4).</summary>
    public DateOnly? PlannedEnd { get; set; }

    public FormData Form { get; set; } = new();

    public EquipmentData Equipment { get; set; } = new();

    /// <summary>Sign-offs collected in the current step (e.g. "firma-tecnico"); cleared when a step is sent back.</summary>
    public List<string> Approvals { get; set; } = [];

    /// <summary>Optimistic concurrency: incremented on every change; a stale writer is refused.</summary>
    public int Version { get; set; }

    public List<Attachment> Attachments { get; set; } = [];

    public List<Comment> Comments { get; set; } = [];

    public List<AuditEntry> History { get; set; } = [];

    public bool HasAttachment(AttachmentKind kind) => Attachments.Exists(a => a.Kind == kind);
}
