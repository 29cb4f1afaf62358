using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>A card or a file of an activity.</summary>
public sealed class ActivityAttachment
{
    public const string AdaptiveCard = "application/vnd.microsoft.card.adaptive";

    /// <summary>A file the user uploaded in a personal chat (content has downloadUrl and fileType).</summary>
    public const string TeamsFileDownloadInfo = "application/vnd.microsoft.teams.file.download.info";

    public string? ContentType { get; set; }

    public string? ContentUrl { get; set; }

    public JsonNode? Content { get; set; }

    public string? Name { get; set; }

    public string? ThumbnailUrl { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    public static ActivityAttachment Card(JsonObject card) => new() { ContentType = AdaptiveCard, Content = card };
}
