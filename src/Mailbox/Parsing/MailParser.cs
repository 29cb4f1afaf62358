using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Tnef;

namespace SosepBot.Mailbox.Parsing;

/// <summary>Decodes a mail: sender, subject, body text (HTML converted), attachments (TNEF unpacked), and the auto-mail firewall.</summary>
public static partial class MailParser
{
    /// <summary>Our own loop marker: every mail the service sends carries it, and mail carrying it is never processed.</summary>
    public const string LoopHeader = "X-SosepBot-Loop";

    public static ParsedMail Parse(MimeMessage message, MailboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        var address = (from?.Address ?? string.Empty).Trim().ToLowerInvariant();
        var subject = (message.Subject ?? string.Empty).Trim();
        var text = message.TextBody is { Length: > 0 } plain
            ? HtmlText.Normalize(plain)
            : message.HtmlBody is { Length: > 0 } html ? HtmlText.ToText(html) : string.Empty;
        var replyTo = new List<string>();
        if (!string.IsNullOrWhiteSpace(message.InReplyTo))
        {
            replyTo.Add(message.InReplyTo);
        }

        replyTo.AddRange(message.References.Where(r => !replyTo.Contains(r)));
        return new ParsedMail
        {
            FromAddress = address,
            FromName = string.IsNullOrWhiteSpace(from?.Name) ? null : from.Name.Trim(),
            Subject = subject,
            MessageId = string.IsNullOrWhiteSpace(message.MessageId) ? null : message.MessageId,
            ReplyTo = replyTo,
            Text = QuoteStripper.Strip(text),
            Attachments = Attachments(message),
            AutomaticReason = AutomaticReason(message, address, subject, options),
            AuthenticationFailure = AuthenticationFailure(message, options.TrustedAuthServId),
        };
    }

    /// <summary>Why the mail is automatic (and must open nothing and get no answer), or null.</summary>
    public static string? AutomaticReason(MimeMessage message, string fromAddress, string subject, MailboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        var h = message.Headers;
        if (h.Contains(LoopHeader) || (options.Address is { } own && string.Equals(fromAddress, own, StringComparison.OrdinalIgnoreCase)))
        {
            return "loop";
        }

        if (h[HeaderId.AutoSubmitted] is { } autoSubmitted && !autoSubmitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            return "auto-submitted";
        }

        if (h["X-Auto-Response-Suppress"] is { } suppress && SuppressAutoReply().IsMatch(suppress))
        {
            return "auto-response-suppress";
        }

        if (h["X-Autoreply"] is not null || h["X-Autorespond"] is not null || h["X-Auto-Reply"] is not null)
        {
            return "auto-reply";
        }

        if (h["Precedence"] is { } precedence && precedence.Trim().ToLowerInvariant() is "bulk" or "junk" or "list" or "auto_reply")
        {
            return "precedence";
        }

        if (h[HeaderId.ListId] is not null || h[HeaderId.ListUnsubscribe] is not null)
        {
            return "list";
        }

        if (h[HeaderId.ReturnPath] is { } returnPath && returnPath.Trim() is "<>" or "")
        {
            return "bounce";
        }

        if (message.Body is MultipartReport || message.Body?.ContentType.IsMimeType("message", "delivery-status") == true)
        {
            return "report";
        }

        if (NoReplySender().IsMatch(fromAddress))
        {
            return "bounce";
        }

        return AutoSubject().IsMatch(subject) ? "auto-subject" : null;
    }

    /// <summary>"spf", "dkim" or "dmarc" when our own server's Authentication-Results says it failed.</summary>
    public static string? AuthenticationFailure(MimeMessage message, string? trustedAuthServId)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(trustedAuthServId))
        {
            return null;
        }

        foreach (var header in message.Headers.Where(x => x.Id == HeaderId.AuthenticationResults))
        {
            var value = header.Value.Trim();
            var semicolon = value.IndexOf(';', StringComparison.Ordinal);
            var servId = (semicolon < 0 ? value : value[..semicolon]).Trim().Split(' ')[0];
            if (!string.Equals(servId, trustedAuthServId, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var method in new[] { "dmarc", "spf", "dkim" })
            {
                if (Regex.IsMatch(value, $@"\b{method}\s*=\s*(fail|permerror)\b", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)))
                {
                    return method;
                }
            }
        }

        return null;
    }

    private static List<MailAttachment> Attachments(MimeMessage message)
    {
        var found = new List<MailAttachment>();
        foreach (var part in message.BodyParts.OfType<MimePart>())
        {
            if (part is TnefPart tnef)
            {
                var unpacked = tnef.ConvertToMessage();
                found.AddRange(unpacked.BodyParts.OfType<MimePart>().Where(p => p.IsAttachment).Select(Read));
                continue;
            }

            if (part.IsAttachment || (part.ContentDisposition is null && part is not TextPart && part.FileName is not null))
            {
                found.Add(Read(part));
            }
        }

        return found;
    }

    private static MailAttachment Read(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content?.DecodeTo(stream);
        var name = string.IsNullOrWhiteSpace(part.FileName) ? "adjunto" : part.FileName;
        // Files unpacked from winmail.dat, and many clients' attachments, come as application/octet-stream: name the
        // type by the file's extension (the attachment store still checks the bytes against it).
        var type = part.ContentType.MimeType.ToLowerInvariant();
        if (type == "application/octet-stream" && part.FileName is not null)
        {
            type = MimeTypes.GetMimeType(part.FileName).ToLowerInvariant();
        }

        return new MailAttachment(name, type, stream.ToArray());
    }

    [GeneratedRegex(@"\b(All|OOF|AutoReply)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SuppressAutoReply();

    [GeneratedRegex(@"^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)([+\-.].*)?@", RegexOptions.IgnoreCase)]
    private static partial Regex NoReplySender();

    [GeneratedRegex(
        @"^((respuesta|contestaci[oó]n) autom[aá]tica|fuera de (la )?oficina|ausente|ausencia|automatic reply|auto(matic)?[- ]?reply|autoresponder|out of (the )?office|undeliverable|undelivered mail|no se puede entregar|no entregado|notificaci[oó]n de estado de (la )?entrega|delivery status notification|mail delivery (failed|failure|subsystem)|returned mail|failure notice)",
        RegexOptions.IgnoreCase)]
    private static partial Regex AutoSubject();
}
