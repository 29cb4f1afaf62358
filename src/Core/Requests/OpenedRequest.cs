using SosepBot.Core.Procedures;

namespace SosepBot.Core.Requests;

/// <summary>
/// A request just opened, with its number and id. Its summary and the details <see cref="RequestQueries.GetAsync"/>
/// would read are built from what was written, not read back (a new request has only its creation in its history,
/// and no comments, files or children), and only when asked for.
/// </summary>
public sealed class OpenedRequest
{
    private readonly Lazy<RequestSummary> summary;
    private readonly Lazy<RequestDetails> details;

    internal OpenedRequest(RequestDraft draft, RequestRecords records)
    {
        Request = draft.Request;
        Definition = draft.Definition;
        summary = new Lazy<RequestSummary>(() => records.Summarize(Request, Definition));
        // The person who opens a request is its requester or acted on it (its creation): they may see its form.
        details = new Lazy<RequestDetails>(() => records.Details(
            Request, Definition, draft.Actor, [], draft.ParentNumber, draft.ParentState, [], [], new HashSet<Documents.DocumentKind>(), showPersonalData: true));
    }

    public Request Request { get; }

    public ProcedureDefinition Definition { get; }

    public long Id => Request.Id;

    public string Number => Request.Number;

    public RequestSummary Summary => summary.Value;

    public RequestDetails Details => details.Value;
}
