namespace SosepBot.Bot.Teams.BotConnector;

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";
    public const string InvokeResponse = "invokeResponse";
    public const string Typing = "typing";

    /// <summary>The invoke of Universal Actions (Action.Execute).</summary>
    public const string AdaptiveCardAction = "adaptiveCard/action";
}
