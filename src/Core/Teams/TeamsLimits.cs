namespace SosepBot.Core.Teams;

/// <summary>
/// The longest identifiers of an activity the tables keep (columns of <see cref="TeamsInboundActivity"/> and
/// <see cref="TeamsConversationReference"/>). An activity naming a longer one is refused when received: the server
/// engines would refuse the row (SQLite would keep it whole).
/// </summary>
public static class TeamsLimits
{
    public const int ActivityId = 150;
    public const int ConversationId = 300;
    public const int ChannelId = 50;
    public const int Type = 50;
    public const int ServiceUrl = 500;
    public const int AccountId = 300;
    public const int AadObjectId = 100;
    public const int TenantId = 100;

    /// <summary>A service instance's name (Teams:InstanceId) as a conversation lease keeps it.</summary>
    public const int InstanceId = 100;
}
