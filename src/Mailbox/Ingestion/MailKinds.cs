namespace SosepBot.Mailbox.Ingestion;

/// <summary>Outbox kinds the mailbox queues itself.</summary>
public static class MailKinds
{
    public const string Acknowledgement = "acuse";
}
