namespace SosepBot.Core.Requests;

/// <summary>Filters of a request list; all optional and combined with "and". Applied by <see cref="RequestQuery"/>.</summary>
public sealed record RequestFilter
{
    public string? RequesterEmail { get; init; }

    public string? AssigneeEmail { get; init; }

    public string? State { get; init; }

    public string? ProcedureCode { get; init; }

    /// <summary>The registered unit of the request (a maintenance visit's) or of its requester.</summary>
    public long? UnitId { get; init; }

    /// <summary>Only requests not in a final state.</summary>
    public bool OpenOnly { get; init; }

    public bool OverdueOnly { get; init; }

    /// <summary>Opened on or after this day (the business calendar's time zone).</summary>
    public DateOnly? CreatedFrom { get; init; }

    /// <summary>Opened on or before this day (the business calendar's time zone).</summary>
    public DateOnly? CreatedTo { get; init; }

    /// <summary>
    /// Words that must all appear, accents and case aside, in the title, the description or a comment — or a word may
    /// be (part of) the request's number («UI-2026-00042», «00042»).
    /// </summary>
    public string? Search { get; init; }

    public RequestSort Sort { get; init; } = RequestSort.Number;

    /// <summary>Oldest first (or A to Z) instead of the default newest first.</summary>
    public bool Ascending { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 50;
}
