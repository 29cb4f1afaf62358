namespace SosepBot.Core.Procedures;

/// <summary>A party a request waits on, and the actions of the current step it waits on them for.</summary>
public sealed record WaitingParty(Party Party, IReadOnlyList<TransitionDefinition> Actions)
{
    public PartyKind Kind => Party.Kind;
}
