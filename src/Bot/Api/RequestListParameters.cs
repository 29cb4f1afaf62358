using SosepBot.Core.Requests;

namespace SosepBot.Bot.Api;

/// <summary>
/// The query string of GET /api/requests and of its export: the console's filters, search, order and page, read into
/// Core's <see cref="RequestFilter"/> (bad dates and orders are refused in Spanish by <see cref="RequestQuery"/>).
/// </summary>
public sealed class RequestListParameters
{
    public string? Requester { get; init; }

    public string? Assignee { get; init; }

    public string? State { get; init; }

    public string? Procedure { get; init; }

    public long? Unit { get; init; }

    public bool? Open { get; init; }

    public bool? Overdue { get; init; }

    /// <summary>Opened on or after this day, yyyy-mm-dd.</summary>
    public string? From { get; init; }

    /// <summary>Opened on or before this day, yyyy-mm-dd.</summary>
    public string? To { get; init; }

    /// <summary>Words of the title, description or comments, or a request number.</summary>
    public string? Q { get; init; }

    /// <summary>number, opened, due or state (or their Spanish names).</summary>
    public string? Sort { get; init; }

    public bool? Asc { get; init; }

    public int? Skip { get; init; }

    public int? Take { get; init; }

    public RequestFilter ToFilter() => new()
    {
        RequesterEmail = Requester,
        AssigneeEmail = Assignee,
        State = State,
        ProcedureCode = Procedure,
        UnitId = Unit,
        OpenOnly = Open ?? false,
        OverdueOnly = Overdue ?? false,
        CreatedFrom = RequestQuery.ParseDay(From, "from"),
        CreatedTo = RequestQuery.ParseDay(To, "to"),
        Search = Q,
        Sort = RequestQuery.ParseSort(Sort, "sort"),
        Ascending = Asc ?? false,
        Skip = Skip ?? 0,
        Take = Take ?? 50,
    };
}
