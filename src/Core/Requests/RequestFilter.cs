namespace SosepBot.Core.Requests;

/// <summary>Filters of a request list; all optional and combined with "and".</summary>
public sealed record RequestFilter
{
    public string? RequesterEmail { get; init; }

    public string? AssigneeEmail { get; init; }

    public string? State { get; init; }

    public string? ProcedureCode { get; init; }

    /// <summary>Only requests not in a final state.</summary>
    public bool OpenOnly { get; init; }

    public bool OverdueOnly { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 50;
}
