namespace SosepBot.Mailbox;

/// <summary>Which mailbox the service watches.</summary>
public enum MailTransport
{
    /// <summary>No mailbox: the service runs without the mail channel.</summary>
    None = 0,

    /// <summary>IMAP (reading) and SMTP (sending) with MailKit.</summary>
    Imap = 1,

    /// <summary>A Microsoft 365 mailbox through Microsoft Graph (delta query, sendMail).</summary>
    Graph = 2,
}
