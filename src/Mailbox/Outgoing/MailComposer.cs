using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MimeKit;
using SosepBot.Core.Notifications;
using SosepBot.Mailbox.Ingestion;
using SosepBot.Mailbox.Parsing;

namespace SosepBot.Mailbox.Outgoing;

/// <summary>
/// Renders an outbox message as a mail: plain text and clean HTML, the request number in the subject, our
/// own stable Message-ID (so replies thread), and the headers that keep auto-responders and our own
/// mailbox from starting a loop.
/// </summary>
public static partial class MailComposer
{
    public static MimeMessage Compose(OutboxMessage message, MailboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(options.DisplayName, options.Address ?? throw new InvalidOperationException("Mailbox:Address is not set.")));
        mail.To.Add(MailboxAddress.Parse(message.Recipient));
        var subject = message.Subject;
        if (message.RequestNumber is { } number && !subject.Contains(number, StringComparison.OrdinalIgnoreCase))
        {
            subject = $"[{number}] {subject}";
        }

        mail.Subject = subject;
        mail.MessageId = MessageId(message, options);
        mail.Date = message.CreatedAt;
        if (message.Payload is { Length: > 0 } payload && MailKinds.AnswersAMail(message.Kind)
            && JsonSerializer.Deserialize<MailThreading>(payload) is { } threading)
        {
            if (threading.InReplyTo is { } inReplyTo)
            {
                mail.InReplyTo = inReplyTo;
            }

            foreach (var reference in threading.References)
            {
                mail.References.Add(reference);
            }
        }

        mail.Headers.Add(HeaderId.AutoSubmitted, MailKinds.AnswersAMail(message.Kind) ? "auto-replied" : "auto-generated");
        mail.Headers.Add("X-Auto-Response-Suppress", "All");
        mail.Headers.Add(MailParser.LoopHeader, options.OwnDomain);
        mail.Headers.Add("Content-Language", "es-GT");
        var body = new BodyBuilder { TextBody = message.Text };
        body.HtmlBody = InlineImages(message.Html ?? MailLetters.ToHtml(message.Text), body, options.OwnDomain);
        mail.Body = body.ToMessageBody();
        return mail;
    }

    /// <summary>
    /// Turns each image carried in the HTML as a data URI (the digest's chart) into an inline part of a multipart/related
    /// body referenced by its Content-ID: mail clients block data URIs, and a remote image would be fetched from outside.
    /// </summary>
    private static string InlineImages(string html, BodyBuilder body, string domain)
    {
        var index = 0;
        return DataImage().Replace(html, m =>
        {
            var bytes = Convert.FromBase64String(m.Groups["data"].Value);
            var type = m.Groups["type"].Value;
            index++;
            var part = body.LinkedResources.Add(
                string.Create(CultureInfo.InvariantCulture, $"imagen{index}.{type}"), bytes, new ContentType("image", type));
            part.ContentId = MimeKit.Utils.MimeUtils.GenerateMessageId(domain);
            return "src=\"cid:" + part.ContentId + "\"";
        });
    }

    [GeneratedRegex("src=\"data:image/(?<type>png|jpeg|gif);base64,(?<data>[A-Za-z0-9+/=]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex DataImage();

    /// <summary>The Message-ID stored with the message, or the stable one made from its dedup key.</summary>
    public static string MessageId(OutboxMessage message, MailboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        return message.ProviderId is { Length: > 0 } stored && stored.Contains('@', StringComparison.Ordinal)
            ? stored.Trim('<', '>')
            : ThreadTokens.MessageIdFor(message.RequestNumber, message.DedupKey, options.OwnDomain);
    }
}
