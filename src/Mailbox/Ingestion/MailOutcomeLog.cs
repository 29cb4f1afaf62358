using Microsoft.Extensions.Logging;
using SosepBot.Core.Mail;

namespace SosepBot.Mailbox.Ingestion;

/// <summary>
/// One Information line per mail once what it caused is committed, with a reason code a reader can filter on:
/// <c>ticket-opened</c>, <c>reply-threaded</c>, <c>no-sender</c>, <c>auto-reply-ignored:…</c>, <c>quarantined:…</c>,
/// <c>refused:…</c>, <c>duplicate</c>. A mail recorded before (a restart, another instance) was logged then: Debug.
/// </summary>
internal static partial class MailOutcomeLog
{
    public static void Log(ILogger logger, string mailbox, string externalId, IngestResult result)
    {
        if (result.AlreadyProcessed)
        {
            LogAlreadyProcessed(logger, externalId, mailbox, ReasonCode(result));
            return;
        }

        LogOutcome(logger, externalId, mailbox, result.Outcome, ReasonCode(result), result.RequestNumber ?? "-");
    }

    public static string ReasonCode(IngestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var reason = result.Reason;
        return result.Outcome switch
        {
            MailOutcome.Request => "ticket-opened",
            MailOutcome.Comment => reason is null ? "reply-threaded" : $"reply-threaded:{reason}",
            MailOutcome.Ignored when reason == "no-sender" => "no-sender",
            MailOutcome.Ignored => $"auto-reply-ignored:{reason ?? "?"}",
            MailOutcome.Quarantined => $"quarantined:{reason ?? "?"}",
            MailOutcome.Refused when reason?.StartsWith("refused:", StringComparison.Ordinal) == true => reason,
            MailOutcome.Refused => $"refused:{reason ?? "?"}",
            MailOutcome.Duplicate => "duplicate",
            _ => $"{result.Outcome}:{reason}".ToLowerInvariant(),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {ExternalId} of {Mailbox}: {Outcome}, reason {ReasonCode}, request {RequestNumber}")]
    private static partial void LogOutcome(ILogger logger, string externalId, string mailbox, MailOutcome outcome, string reasonCode, string requestNumber);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mail {ExternalId} of {Mailbox} was recorded before ({ReasonCode})")]
    private static partial void LogAlreadyProcessed(ILogger logger, string externalId, string mailbox, string reasonCode);
}
