namespace SosepBot.Core.Teams;

/// <summary>
/// What the bot needs to write to a person first (a proactive notice): their Teams user id, tenant and
/// the channel's serviceUrl, stored from the last activity the person sent; the 1:1 conversation id once known.
/// </summary>
public sealed class TeamsConversationReference
{
    public long Id { get; set; }

    public long PersonId { get; set; }

    /// <summary>The channel's id of the user ("29:…"), not the Entra object id.</summary>
    public required string UserId { get; set; }

    public string? AadObjectId { get; set; }

    public string? TenantId { get; set; }

    public required string ServiceUrl { get; set; }

    public required string ChannelId { get; set; }

    /// <summary>The bot's own id on the channel ("28:…").</summary>
    public string? BotId { get; set; }

    /// <summary>The personal (1:1) conversation, when known.</summary>
    public string? ConversationId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
