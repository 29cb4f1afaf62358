namespace SosepBot.Core.Teams;

/// <summary>
/// Which service instance acts on a conversation's activities now, and until when: several instances on one database
/// take turns per conversation so that its activities act in arrival order. A holder that dies lets it expire.
/// </summary>
public sealed class TeamsConversationLease
{
    public required string ConversationId { get; set; }

    /// <summary>The instance holding it (Teams:InstanceId).</summary>
    public required string Holder { get; set; }

    /// <summary>When another instance may take it, unless the holder renews it first.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>
    /// Set by an instance that stored an activity of the conversation while another held the lease (in the same commit):
    /// the holder looks for stored activities before it gives the lease up only when it is set, and clears it then.
    /// </summary>
    public bool Waiting { get; set; }
}
