namespace SosepBot.Core.People;

/// <summary>How a person hears of work that waits on them.</summary>
public enum NoticeMode
{
    /// <summary>A notice as soon as a step waits on them, and the daily «Sus pendientes» summary.</summary>
    Immediate = 1,

    /// <summary>Only the daily summary (their own requests' news and comments still arrive at once).</summary>
    SummaryOnly = 2,
}
