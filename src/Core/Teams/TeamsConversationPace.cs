namespace SosepBot.Core.Teams;

/// <summary>
/// The pace of the bot's calls to one conversation, shared by every instance: for each of Teams' windows (a second,
/// 30 seconds, an hour) the instant, in UTC ticks, at which that window's budget will be whole again if nothing else is
/// sent (a generic cell rate algorithm). A call may go when every window has room; taking it advances all three in
/// one conditional update.
/// </summary>
public sealed class TeamsConversationPace
{
    public required string ConversationId { get; set; }

    public long SecondFullAt { get; set; }

    public long HalfMinuteFullAt { get; set; }

    public long HourFullAt { get; set; }
}
