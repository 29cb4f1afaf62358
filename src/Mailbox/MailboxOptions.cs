using SosepBot.Core.Mail;
using System.ComponentModel.DataAnnotations;

namespace SosepBot.Mailbox;

/// <summary>The helpdesk mailbox. Section "Mailbox". Without a transport the service runs without mail.</summary>
public sealed class MailboxOptions
{
    public const string SectionName = "Mailbox";

    public MailTransport Transport { get; set; } = MailTransport.None;

    /// <summary>Watch the mailbox in this instance (false: only send; another instance reads).</summary>
    public bool Watch { get; set; } = true;

    /// <summary>The helpdesk's address: what users write to, and the From of every mail the service sends.</summary>
    public string? Address { get; set; }

    /// <summary>Shown as the sender's name.</summary>
    public string DisplayName { get; set; } = "Mesa de ayuda — Unidad de Informática SOSEP";

    /// <summary>Domains whose people may open requests by mail; mail from others is quarantined.</summary>
    public List<string> AllowedDomains { get; set; } = [];

    /// <summary>A sender of an allowed domain who is not registered yet is registered as a plain user (no roles).</summary>
    public bool RegisterUnknownSenders { get; set; } = true;

    /// <summary>The procedure a new mail opens.</summary>
    public string DefaultProcedure { get; set; } = "DS-UI-04";

    /// <summary>Subject keywords that choose another procedure ("sede" → "DS-UI-06"); when it refuses, the default is used.</summary>
    public Dictionary<string, string> SubjectProcedures { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Automatic mails (acknowledgements) sent to one address per day, at most.</summary>
    [Range(1, 1000, ErrorMessage = "Mailbox:MaxAutoRepliesPerDay must be between 1 and 1000.")]
    public int MaxAutoRepliesPerDay { get; set; } = 10;

    /// <summary>
    /// The authserv-id of our own mail server's Authentication-Results header: only that header is trusted
    /// for SPF/DKIM/DMARC verdicts (a sender can forge any other). Empty: verdicts are not checked.
    /// </summary>
    public string? TrustedAuthServId { get; set; }

    public MailServerOptions Imap { get; set; } = new() { Port = 993 };

    public MailServerOptions Smtp { get; set; } = new() { Port = 465 };

    public GraphMailOptions Graph { get; set; } = new();

    /// <summary>IMAP folders for processed, ignored and quarantined mail (created when missing).</summary>
    public string ProcessedFolder { get; set; } = "Procesados";

    public string IgnoredFolder { get; set; } = "Ignorados";

    public string QuarantineFolder { get; set; } = "Cuarentena";

    /// <summary>Check for mail this often when the server has no IDLE (and as a safety net for Graph).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>IDLE is restarted this often (servers drop idle connections after about 30 minutes).</summary>
    public TimeSpan IdleRefresh { get; set; } = TimeSpan.FromMinutes(9);

    /// <summary>Messages fetched per round.</summary>
    [Range(1, 5000, ErrorMessage = "Mailbox:BatchSize must be between 1 and 5000.")]
    public int BatchSize { get; set; } = 200;

    /// <summary>Mails of a batch committed together in one transaction (fewer disk syncs; a failing group is redone mail by mail).</summary>
    [Range(1, 5000, ErrorMessage = "Mailbox:CommitSize must be between 1 and 5000.")]
    public int CommitSize { get; set; } = 100;

    /// <summary>Largest mail processed (bigger ones are refused with a notice).</summary>
    [Range(1024, int.MaxValue, ErrorMessage = "Mailbox:MaxMessageBytes must be at least 1024.")]
    public int MaxMessageBytes { get; set; } = 30 * 1024 * 1024;

    /// <summary>The domain of the Message-IDs the service creates (defaults to the address's domain).</summary>
    public string? MessageIdDomain { get; set; }

    public bool Enabled => Transport != MailTransport.None;

    /// <summary>The IMAP login: Imap:UserName, or the mailbox address when it is left empty.</summary>
    public string ImapLogin => string.IsNullOrWhiteSpace(Imap.UserName) ? Address ?? string.Empty : Imap.UserName.Trim();

    public string OwnDomain => MessageIdDomain ?? (Address is { } a && a.Contains('@', StringComparison.Ordinal) ? a[(a.IndexOf('@', StringComparison.Ordinal) + 1)..] : "sosepbot.local");

    /// <summary>The folder a mail is moved to once what it caused is committed.</summary>
    public string FolderFor(MailOutcome outcome) => outcome switch
    {
        MailOutcome.Quarantined => QuarantineFolder,
        MailOutcome.Request or MailOutcome.Comment => ProcessedFolder,
        _ => IgnoredFolder,
    };
}
