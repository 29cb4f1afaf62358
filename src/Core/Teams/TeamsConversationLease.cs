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
}
