namespace SosepBot.Core.Mail;

/// <summary>Where a mailbox watcher resumes (Microsoft Graph's delta link).</summary>
public sealed class MailboxCursor
{
    public required string Mailbox { get; set; }

    public required string Value { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
