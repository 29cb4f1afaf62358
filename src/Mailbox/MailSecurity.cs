namespace SosepBot.Mailbox;

/// <summary>How to protect an IMAP or SMTP connection (MailKit's SecureSocketOptions).</summary>
public enum MailSecurity
{
    /// <summary>Plain text (loopback test servers only).</summary>
    None = 0,

    /// <summary>TLS from the first byte (IMAPS 993, SMTPS 465).</summary>
    SslOnConnect = 1,

    /// <summary>STARTTLS, required.</summary>
    StartTls = 2,
}
