using SosepBot.Core.Attachments;
using SosepBot.Core.Audit;
using SosepBot.Core.Procedures;

namespace SosepBot.Core.Requests;

public sealed record PersonRef(long Id, string Name, string Email);

/// <summary>A request in a list.</summary>
public sealed record RequestSummary(
    string Number,
    string ProcedureCode,
    string ProcedureName,
    string State,
    string Title,
    PersonRef Requester,
    PersonRef? Assignee,
    Priority Priority,
    Channel OpenedVia,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DueAt,
    bool IsOverdue,
    bool IsClosed,
    int Version);

/// <summary>One line of history as people see it.</summary>
public sealed record HistoryItem(
    DateTimeOffset At,
    string Actor,
    string Role,
    Channel Channel,
    AuditKind Kind,
    string? Action,
    string? From,
    string? To,
    string? Detail);

public sealed record CommentView(long Id, string Author, string Text, Channel Channel, DateTimeOffset CreatedAt);

/// <summary>A stored file of a request; <paramref name="UploadedBy"/> is the name of who attached or generated it.</summary>
public sealed record AttachmentView(long Id, AttachmentKind Kind, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset CreatedAt, string? UploadedBy = null);

/// <summary>A request with its data, history and what the caller may do now.</summary>
public sealed record RequestDetails(
    RequestSummary Summary,
    string? Description,
    string? ParentNumber,
    IReadOnlyList<string> Children,
    string? Unit,
    DateTimeOffset? ScheduledFor,
    DateOnly? PlannedEnd,
    FormData? Form,
    EquipmentData? Equipment,
    IReadOnlyList<string> Approvals,
    IReadOnlyList<HistoryItem> History,
    IReadOnlyList<CommentView> Comments,
    IReadOnlyList<AttachmentView> Attachments,
    IReadOnlyList<AvailableAction> Actions,
    IReadOnlyList<TesterView> Testers);

/// <summary>A request that waits on the caller, with the actions of the step that are theirs.</summary>
public sealed record WaitingView(RequestSummary Request, IReadOnlyList<WaitingAction> Actions);

public sealed record WaitingAction(string Action, string Label);

/// <summary>One page of what waits on a person, with how many wait in all and per procedure.</summary>
public sealed record WaitingList(IReadOnlyList<WaitingView> Items, int Total, IReadOnlyList<WaitingCount> Queues);

/// <summary>How many requests of one procedure wait on the person, and how many of them are overdue.</summary>
public sealed record WaitingCount(string Code, string Name, int Count, int Overdue);

/// <summary>A person named to test the request, and when they approved the current round of tests.</summary>
public sealed record TesterView(long PersonId, string Name, DateTimeOffset? ApprovedAt);
