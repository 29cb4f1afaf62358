namespace SosepBot.Mailbox.Parsing;

/// <summary>What the ingestion needs from a mail, already decoded.</summary>
public sealed record ParsedMail
{
    public required string FromAddress { get; init; }

    public string? FromName { get; init; }

    /// <summary>Decoded subject (encoded words, charsets), trimmed.</summary>
    public required string Subject { get; init; }

    public string? MessageId { get; init; }

    /// <summary>In-Reply-To followed by References.</summary>
    public IReadOnlyList<string> ReplyTo { get; init; } = [];

    /// <summary>The body as plain text, quoted history stripped.</summary>
    public required string Text { get; init; }

    public IReadOnlyList<MailAttachment> Attachments { get; init; } = [];

    /// <summary>Why this is automatic mail that must open nothing and get no answer (null: a person wrote it).</summary>
    public string? AutomaticReason { get; init; }

    /// <summary>SPF/DKIM/DMARC failure reported by our own server ("spf", "dkim", "dmarc"), or null.</summary>
    public string? AuthenticationFailure { get; init; }
}
