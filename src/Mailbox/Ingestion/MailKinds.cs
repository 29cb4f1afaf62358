namespace SosepBot.Mailbox.Ingestion;

/// <summary>Outbox kinds the mailbox queues itself.</summary>
public static class MailKinds
{
    public const string Acknowledgement = "acuse";

    /// <summary>The answer to a reply whose files could not be stored (type, size): which ones and why.</summary>
    public const string RefusedFiles = "archivos-rechazados";

    /// <summary>Kinds that answer a mail of the requester: threaded onto it and marked auto-replied.</summary>
    public static bool AnswersAMail(string kind) => kind is Acknowledgement or RefusedFiles;
}
