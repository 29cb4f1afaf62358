using System.ComponentModel.DataAnnotations;

namespace SosepBot.Mailbox;

/// <summary>An IMAP or SMTP server and its account.</summary>
public sealed class MailServerOptions
{
    public string Host { get; set; } = string.Empty;

    [Range(0, 65535)]
    public int Port { get; set; }

    public MailSecurity Security { get; set; } = MailSecurity.SslOnConnect;

    public string? UserName { get; set; }

    /// <summary>Secret: from an environment variable or user secrets; never logged.</summary>
    public string? Password { get; set; }
}
