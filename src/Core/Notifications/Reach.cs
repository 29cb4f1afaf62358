namespace SosepBot.Core.Notifications;

/// <summary>Whether a channel reaches a person; when it does not, the reason in Spanish.</summary>
public readonly record struct Reach(bool CanReach, string? Reason)
{
    public static Reach Yes => new(true, null);

    public static Reach No(string reason) => new(false, reason);
}
