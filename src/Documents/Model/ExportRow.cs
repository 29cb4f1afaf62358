namespace SosepBot.Documents.Model;

/// <summary>One request of the IT director's export (dates in Guatemala's time).</summary>
internal sealed record ExportRow(
    string ProcedureCode,
    string ProcedureName,
    string Number,
    string Title,
    string Requester,
    string State,
    string? Assignee,
    DateTime Created,
    DateTime Updated,
    DateTime? Closed,
    DateTime? Due,
    bool Overdue,
    IReadOnlyList<StateSpan> States);
