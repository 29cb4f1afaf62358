using SosepBot.Core.Procedures;

namespace SosepBot.Core.Requests;

/// <summary>
/// A new request checked by <see cref="RequestOpening.DraftAsync"/> — its history's creation entry included — not
/// numbered nor saved yet: <see cref="RequestOpening.OpenAsync(IReadOnlyList{RequestDraft}, CancellationToken)"/>
/// numbers and writes any number of them in one transaction.
/// </summary>
public sealed class RequestDraft
{
    internal RequestDraft(Actor actor, Request request, ProcedureDefinition definition, string? parentNumber, string? parentState)
    {
        Actor = actor;
        Request = request;
        Definition = definition;
        ParentNumber = parentNumber;
        ParentState = parentState;
    }

    public Actor Actor { get; }

    public Request Request { get; }

    public ProcedureDefinition Definition { get; }

    internal string? ParentNumber { get; }

    internal string? ParentState { get; }
}
