namespace SosepBot.Mailbox.Ingestion;

/// <summary>The outbox payload of an acknowledgement: the mail it answers, so that it threads in the requester's client.</summary>
public sealed record MailThreading(string? InReplyTo, IReadOnlyList<string> References);
