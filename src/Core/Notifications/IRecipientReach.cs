namespace SosepBot.Core.Notifications;

/// <summary>Whether a channel can reach a person now (Teams: a conversation reference is stored; mail: a mailbox is configured).</summary>
public interface IRecipientReach
{
    OutboxChannel Channel { get; }

    /// <summary>Reachable, or why not in Spanish («Teams no instalado», «sin correo registrado»).</summary>
    Task<Reach> ReachAsync(long personId, CancellationToken cancellationToken);
}
