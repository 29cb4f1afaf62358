using SosepBot.Core.Mail;

namespace SosepBot.Mailbox.Ingestion;

/// <summary>What one mail became. <see cref="AlreadyProcessed"/>: it had been recorded before (a restart, another instance).</summary>
public sealed record IngestResult(MailOutcome Outcome, string? Reason = null, string? RequestNumber = null, bool AlreadyProcessed = false);
