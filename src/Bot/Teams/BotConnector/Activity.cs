using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>
/// A Bot Framework activity, loosely typed: the fields the bot reads are properties, everything else the
/// channel sends is kept in <see cref="Properties"/> and written back unchanged.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }

    public string? Id { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    public string? ServiceUrl { get; set; }

    public string? ChannelId { get; set; }

    public ChannelAccount? From { get; set; }

    public ConversationAccount? Conversation { get; set; }

    public ChannelAccount? Recipient { get; set; }

    public string? TextFormat { get; set; }

    public string? Text { get; set; }

    public string? Locale { get; set; }

    public List<ActivityAttachment>? Attachments { get; set; }

    public string? AttachmentLayout { get; set; }

    /// <summary>Action.Submit data, or the invoke's value.</summary>
    public JsonNode? Value { get; set; }

    /// <summary>The invoke's name ("adaptiveCard/action").</summary>
    public string? Name { get; set; }

    /// <summary>installationUpdate: "add" or "remove".</summary>
    public string? Action { get; set; }

    public string? ReplyToId { get; set; }

    public List<ChannelAccount>? MembersAdded { get; set; }

    public List<ChannelAccount>? MembersRemoved { get; set; }

    public JsonNode? ChannelData { get; set; }

    public List<JsonNode>? Entities { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>The tenant of the activity: conversation.tenantId, or channelData.tenant.id.</summary>
    [JsonIgnore]
    public string? TenantId => Conversation?.TenantId ?? StringAt(ChannelData, "tenant", "id");

    /// <summary>The string at a path of objects, or null when any step is missing or of another JSON kind.</summary>
    public static string? StringAt(JsonNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            node = node is JsonObject o ? o[name] : null;
        }

        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }

    /// <summary>A message from the bot back into the conversation of this activity.</summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        ServiceUrl = ServiceUrl,
        ChannelId = ChannelId,
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name, AadObjectId = From.AadObjectId },
        Conversation = Conversation is null ? null : new ConversationAccount { Id = Conversation.Id, ConversationType = Conversation.ConversationType, TenantId = Conversation.TenantId },
        ReplyToId = Id,
        Text = text,
        TextFormat = text is null ? null : "markdown",
        Locale = "es-GT",
    };
}
