namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>What the connector answers to a new activity: its id.</summary>
public sealed class ResourceResponse
{
    public string? Id { get; set; }
}
