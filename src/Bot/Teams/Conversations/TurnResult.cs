using System.Text.Json.Nodes;
using SosepBot.Bot.Teams.BotConnector;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>What a turn produced: messages to post after the transaction commits, and the answer to an invoke.</summary>
public sealed class TurnResult
{
    public List<Activity> Replies { get; } = [];

    /// <summary>
    /// Messages that replace one the bot sent earlier (<see cref="Activity.Id"/> is the one replaced): the card of an
    /// Action.Submit refreshed in place. Posted as replies instead when the connector refuses the update.
    /// </summary>
    public List<Activity> Updates { get; } = [];

    /// <summary>
    /// Reads that complete the replies once the transaction has committed (the card of a request just opened), so
    /// that they do not hold the write lock. Each one handles its own failure (the action is done by then).
    /// </summary>
    public List<Func<CancellationToken, Task>> AfterCommit { get; } = [];

    /// <summary>The invoke response body ({statusCode, type, value}); null for other activities.</summary>
    public JsonObject? Invoke { get; set; }
}
