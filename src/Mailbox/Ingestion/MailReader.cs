using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using SosepBot.Core.Mail;
using SosepBot.Mailbox.Parsing;

namespace SosepBot.Mailbox.Ingestion;

/// <summary>
/// What can be known of a raw mail without the database: its hash, its size check, its parse and whether it is an
/// automatic mail. Pure work on the bytes, so the transports do it for their next batch while the ingestor writes the
/// current one (<see cref="Imap.ImapMailboxSync"/>): the two run on different cores.
/// </summary>
public sealed partial class MailReader(IOptions<MailboxOptions> options, TimeProvider time, ILogger<MailReader> logger)
{
    /// <summary>The size check, parse and automatic-mail check of one raw message of <paramref name="mailbox"/>.</summary>
    public MailReading Read(string mailbox, IncomingMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var (externalId, raw) = (mail.ExternalId, mail.Raw);
        var record = new MailRecord
        {
            Mailbox = mailbox,
            ExternalId = externalId,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(raw)),
            ProcessedAt = time.GetUtcNow(),
        };
        if (raw.Length > options.Value.MaxMessageBytes)
        {
            return new MailReading(record, raw, null, MailOutcome.Refused, "too-large");
        }

        ParsedMail parsed;
        try
        {
            parsed = Parse(raw);
        }
        catch (FormatException)
        {
            return new MailReading(record, raw, null, MailOutcome.Refused, "unreadable");
        }

        record.MessageId = Truncate(parsed.MessageId, 400);
        record.FromAddress = Truncate(parsed.FromAddress, 254);
        record.Subject = Truncate(parsed.Subject, 400);
        if (parsed.AutomaticReason is { } automatic)
        {
            LogIgnored(logger, externalId, automatic);
            return new MailReading(record, raw, null, MailOutcome.Ignored, automatic);
        }

        return new MailReading(record, raw, parsed, MailOutcome.Request, null);
    }

    /// <summary>Reads several mails of <paramref name="mailbox"/>, in their order.</summary>
    public List<MailReading> Read(string mailbox, IEnumerable<IncomingMail> mails) => mails.Select(m => Read(mailbox, m)).ToList();

    /// <summary>The raw message parsed (a <see cref="FormatException"/> when it is not MIME at all).</summary>
    public ParsedMail Parse(byte[] raw)
    {
        MailEncodings.Register();
        using var stream = new MemoryStream(raw, writable: false);
        return MailParser.Parse(MimeMessage.Load(stream), options.Value);
    }

    internal static string? Truncate(string? value, int max) => value is { } v && v.Length > max ? v[..max] : value;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mail {ExternalId} ignored as automatic ({Reason})")]
    private static partial void LogIgnored(ILogger logger, string externalId, string reason);
}

/// <summary>
/// A mail after the checks that need no database (<see cref="MailReader"/>); <see cref="Mail"/> is null when that
/// already decided its outcome. Its <see cref="Record"/> is new and goes to one ingestion only.
/// </summary>
public sealed record MailReading(MailRecord Record, byte[] Raw, ParsedMail? Mail, MailOutcome Outcome, string? Reason)
{
    /// <summary>The mail as it came, to read again (a batch redone mail by mail starts from the bytes).</summary>
    public IncomingMail Incoming => new(Record.ExternalId, Raw);
}
