using System.Text.Json.Nodes;
using SosepBot.Core.Teams;

namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>
/// The JSON kinds of the loosely typed parts of an activity that the bot reads (value, channelData, attachments'
/// content): a channel never sends them otherwise, so an activity with, say, an array where the card's action should
/// be is malformed and refused before anything is stored, instead of failing the turn.
/// </summary>
public static class ActivityShape
{
    /// <summary>What is wrong with the activity's shape, or null when the bot can read it.</summary>
    public static string? Problem(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (TooLong(activity) is { } field)
        {
            return field;
        }

        if (activity.ChannelData is { } channelData && (channelData is not JsonObject || !ObjectOrAbsent(channelData, "tenant") || !StringOrAbsent(channelData["tenant"], "id")))
        {
            return "channelData";
        }

        if (activity.Value is { } value)
        {
            if (value is not JsonObject || !StringOrAbsent(value, "verb"))
            {
                return "value";
            }

            // An Action.Execute invoke carries the card's action as an object; an Action.Submit's data may name an
            // "action" of its own (a string), which is the card's business.
            var execute = activity.Type == ActivityTypes.Invoke;
            if (execute && !ObjectOrAbsent(value, "action"))
            {
                return "value.action";
            }

            if (execute && value["action"] is JsonObject action && (!StringOrAbsent(action, "verb") || !StringOrAbsent(action, "type") || !ObjectOrAbsent(action, "data")))
            {
                return "value.action";
            }
        }

        foreach (var attachment in activity.Attachments ?? [])
        {
            if (attachment is null || (attachment.Content is { } content && attachment.ContentType == ActivityAttachment.TeamsFileDownloadInfo
                && (content is not JsonObject || !StringOrAbsent(content, "downloadUrl") || !StringOrAbsent(content, "fileType"))))
            {
                return "attachments";
            }
        }

        if ((activity.MembersAdded ?? []).Concat(activity.MembersRemoved ?? []).Any(m => m is null)
            || (activity.Entities ?? []).Any(e => e is not JsonObject))
        {
            return "membersAdded/membersRemoved/entities";
        }

        return null;
    }

    private static bool StringOrAbsent(JsonNode? parent, string name) =>
        parent is not JsonObject o || o[name] is null || (o[name] is JsonValue v && v.TryGetValue<string>(out _));

    private static bool ObjectOrAbsent(JsonNode parent, string name) =>
        parent is not JsonObject o || o[name] is null or JsonObject;

    /// <summary>The identifier longer than the tables keep (<see cref="TeamsLimits"/>), if any.</summary>
    private static string? TooLong(Activity activity) =>
        (activity.Type?.Length > TeamsLimits.Type ? "type" : null)
        ?? (activity.ChannelId?.Length > TeamsLimits.ChannelId ? "channelId" : null)
        ?? (activity.Id?.Length > TeamsLimits.ActivityId ? "id" : null)
        ?? (activity.Conversation?.Id?.Length > TeamsLimits.ConversationId ? "conversation.id" : null)
        ?? (activity.ServiceUrl?.Length > TeamsLimits.ServiceUrl ? "serviceUrl" : null)
        ?? (activity.From?.Id?.Length > TeamsLimits.AccountId || activity.Recipient?.Id?.Length > TeamsLimits.AccountId ? "from.id" : null)
        ?? (activity.From?.AadObjectId?.Length > TeamsLimits.AadObjectId ? "from.aadObjectId" : null)
        ?? (activity.TenantId?.Length > TeamsLimits.TenantId ? "tenant.id" : null);
}
