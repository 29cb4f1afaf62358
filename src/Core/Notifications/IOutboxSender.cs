namespace SosepBot.Core.Notifications;

/// <summary>A channel that delivers outbox messages (SMTP or Graph mail, Teams). Implemented outside Core.</summary>
public interface IOutboxSender
{
    OutboxChannel Channel { get; }

    /// <summary>Sends once. Throwing counts as a transient failure; return a result to say more.</summary>
    Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
