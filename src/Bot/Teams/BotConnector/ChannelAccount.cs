using System.Text.Json;
using System.Text.Json.Serialization;

namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>A user or bot on the channel. <see cref="AadObjectId"/> is the Entra object id (never parsed as a Guid).</summary>
public sealed class ChannelAccount
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? AadObjectId { get; set; }

    public string? Role { get; set; }

    /// <summary>Teams roster only.</summary>
    public string? Email { get; set; }

    /// <summary>Teams roster only.</summary>
    public string? UserPrincipalName { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
