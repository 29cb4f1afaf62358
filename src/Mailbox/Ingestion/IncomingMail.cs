namespace SosepBot.Mailbox.Ingestion;

/// <summary>One raw message downloaded from a mailbox, with its identity there (e.g. UIDVALIDITY:UID).</summary>
public sealed record IncomingMail(string ExternalId, byte[] Raw);
