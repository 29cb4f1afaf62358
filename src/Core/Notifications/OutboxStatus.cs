namespace SosepBot.Core.Notifications;

public enum OutboxStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending = 1,

    Delivered = 2,

    /// <summary>Gave up (too many attempts or a permanent error); shown to staff and in the director's digest.</summary>
    DeadLettered = 3,

    /// <summary>No channel reaches the person yet (reason in <see cref="OutboxMessage.LastError"/>); released when one does.</summary>
    AwaitingChannel = 4,

    /// <summary>A dead letter IT staff decided not to send; kept for the record, never tried again.</summary>
    Discarded = 5,
}
