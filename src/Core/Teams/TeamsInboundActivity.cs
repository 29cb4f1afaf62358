namespace SosepBot.Core.Teams;

/// <summary>
/// An activity received from the Bot Connector, stored before the bot acts on it: a redelivered activity
/// (same conversation and activity id) is recognised and acts once, and one accepted before a crash is
/// processed when the service starts again.
/// </summary>
public sealed class TeamsInboundActivity
{
    public long Id { get; set; }

    /// <summary>The activity's id as the channel gave it.</summary>
    public required string ActivityId { get; set; }

    public required string ConversationId { get; set; }

    public required string ChannelId { get; set; }

    /// <summary>"message", "invoke", "conversationUpdate"…</summary>
    public required string Type { get; set; }

    /// <summary>The activity as received (JSON).</summary>
    public required string Body { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Set in the same transaction as the bot's action on it; null while still to do.</summary>
    public DateTimeOffset? ProcessedAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>
    /// A read-only turn stored already claimed whose answer has not been posted yet: set with the claim, cleared once the
    /// answer is posted. One still set after a lease, while no instance holds the conversation's lease (its instance
    /// died between the claim and the answer), is given back and acted on again, so that no question goes unanswered.
    /// </summary>
    public bool AnswerPending { get; set; }

    /// <summary>The answer given to an invoke (JSON), returned again when the same invoke is redelivered.</summary>
    public string? Response { get; set; }

    /// <summary>
    /// The instance that received this invoke stopped waiting for its card (Teams hung up, or a turn's timeout passed)
    /// before any turn had stored one: whichever instance runs the invoke then posts its card as a message. Set only while
    /// <see cref="Response"/> is empty, and a turn reads it after storing its card, so exactly one of them shows the card.
    /// </summary>
    public bool ReceiverLeft { get; set; }

    /// <summary>
    /// The request opened from the card this activity produced (a form or a ticket confirmation), so that a second
    /// press of the same card shows that request instead of opening another.
    /// </summary>
    public string? ResultNumber { get; set; }

    /// <summary>Why the last attempt failed (exception type only; no personal data).</summary>
    public string? LastError { get; set; }
}
