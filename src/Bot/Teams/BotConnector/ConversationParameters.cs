using System.Text.Json.Nodes;

namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>Body of POST /v3/conversations (a proactive 1:1 chat).</summary>
public sealed class ConversationParameters
{
    public bool IsGroup { get; set; }

    public ChannelAccount? Bot { get; set; }

    public List<ChannelAccount> Members { get; set; } = [];

    public string? TenantId { get; set; }

    public JsonNode? ChannelData { get; set; }
}
