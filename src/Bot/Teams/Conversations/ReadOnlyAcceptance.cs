namespace SosepBot.Bot.Teams.Conversations;

/// <summary>
/// What <see cref="TurnProcessor.TryAcceptReadOnlyAsync"/> answers: a read-only turn stored already claimed (its
/// continuation, and the expiry of the conversation's lease taken with it), or not (<see cref="Turn"/> null: the usual
/// path stores the activity); and the sender, when it was looked up (for the turn, which then does not read it again).
/// The continuation gets the receiver's wait for an invoke's card (null for anything else).
/// </summary>
public sealed record ReadOnlyAcceptance(Func<InvokeWaiter?, CancellationToken, Task<bool>>? Turn, DateTimeOffset Lease, KnownSender? Sender)
{
    public static ReadOnlyAcceptance NotTaken(KnownSender? sender) => new(null, default, sender);
}
