using System.Text.Json.Nodes;
using SosepBot.Bot.Teams.BotConnector;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>What a turn produced: messages to post after the transaction commits, and the answer to an invoke.</summary>
public sealed class TurnResult
{
    public List<Activity> Replies { get; } = [];

    /// <summary>The invoke response body ({statusCode, type, value}); null for other activities.</summary>
    public JsonObject? Invoke { get; set; }
}
