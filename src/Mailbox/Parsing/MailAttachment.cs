namespace SosepBot.Mailbox.Parsing;

/// <summary>A file that came with a mail (unpacked from winmail.dat when Outlook sent TNEF).</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);
