using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SosepBot.Mailbox.Ingestion;

/// <summary>
/// How both transports hand mails, read (<see cref="MailReader"/>), to the ingestor's one pipeline: groups of
/// <see cref="MailboxOptions.CommitSize"/> mails, each in one transaction
/// (<see cref="MailIngestor.IngestBatchAsync(IReadOnlyList{MailReading}, CancellationToken)"/>); a group that fails for
/// any reason left nothing behind and is redone as batches of one, each in its own transaction and read again from its
/// bytes, so one bad mail never blocks the others.
/// </summary>
internal static partial class BatchIngestion
{
    public static async Task<List<IngestResult>> IngestAsync(
        IServiceScopeFactory scopes, string mailbox, IReadOnlyList<MailReading> mails, int commitSize, ILogger logger, CancellationToken cancellationToken)
    {
        var results = new List<IngestResult>(mails.Count);
        foreach (var group in mails.Chunk(commitSize))
        {
            var done = await IngestGroupAsync(scopes, mailbox, group, logger, cancellationToken);

            // The one place where each mail's outcome is logged: after its transaction committed, whichever path it took.
            for (var i = 0; i < group.Length; i++)
            {
                MailOutcomeLog.Log(logger, mailbox, group[i].Record.ExternalId, done[i]);
            }

            results.AddRange(done);
        }

        return results;
    }

    private static async Task<IReadOnlyList<IngestResult>> IngestGroupAsync(
        IServiceScopeFactory scopes, string mailbox, MailReading[] mails, ILogger logger, CancellationToken cancellationToken)
    {
        if (mails.Length > 1)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<MailIngestor>().IngestBatchAsync(mails, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogBatchFailed(logger, mailbox, mails.Length, e);
            }
        }

        var results = new List<IngestResult>(mails.Length);
        foreach (var mail in mails)
        {
            await using var scope = scopes.CreateAsyncScope();
            results.Add(await scope.ServiceProvider.GetRequiredService<MailIngestor>().IngestAsync(mailbox, mail.Record.ExternalId, mail.Raw, cancellationToken));
        }

        return results;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox {Mailbox}: a group of {Count} mail(s) failed as a whole and was rolled back; redoing its mails one by one")]
    private static partial void LogBatchFailed(ILogger logger, string mailbox, int count, Exception exception);
}
