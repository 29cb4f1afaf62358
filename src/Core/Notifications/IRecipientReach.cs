namespace SosepBot.Core.Notifications;

/// <summary>Whether a channel can reach a person now (Teams: a conversation reference is stored; mail: a mailbox is configured).</summary>
public interface IRecipientReach
{
    OutboxChannel Channel { get; }

    Task<bool> CanReachAsync(long personId, CancellationToken cancellationToken);
}
