namespace SosepBot.Core.Requests;

/// <summary>
/// Something happened to a request that channels may tell people about. Written in the same
/// transaction as the change (a transactional outbox), so that no notice is ever lost; the
/// Teams, mail and jobs parts read and mark them.
/// </summary>
public sealed class RequestEvent
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public Request? Request { get; set; }

    public required string Kind { get; set; }

    public string? Action { get; set; }

    public string? FromState { get; set; }

    public string? ToState { get; set; }

    public long? ActorId { get; set; }

    /// <summary>The assignee after the change, and before it (to tell a newly assigned person).</summary>
    public long? AssigneeId { get; set; }

    public long? PreviousAssigneeId { get; set; }

    /// <summary>The justification, question or comment that came with it.</summary>
    public string? Detail { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }
}
