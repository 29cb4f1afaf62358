using System.ComponentModel.DataAnnotations;

namespace SosepBot.Core.Privacy;

/// <summary>How long the channels' copies of what people wrote and were sent are kept whole. Section "Retention".</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// After this, the daily sweep empties the bodies of Teams activities (a form sent from Teams carries the CUI and
    /// NIT; one not acted on by then is closed), the bodies of delivered notices and replies, and the raw copy of held
    /// mail IT staff already released or discarded. The rows stay (a redelivered activity still acts once, a notice is still sent
    /// once, the lists still show who, when and why); the request keeps its own data. Default 30 days.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Retention:ChannelContent must be between 1.00:00:00 (a day) and 3650.00:00:00.")]
    public TimeSpan ChannelContent { get; set; } = TimeSpan.FromDays(30);
}
