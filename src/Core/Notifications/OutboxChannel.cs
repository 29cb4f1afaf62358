namespace SosepBot.Core.Notifications;

/// <summary>How an outgoing message travels.</summary>
public enum OutboxChannel
{
    Mail = 1,
    Teams = 2,
}
