using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.Mail;
using SosepBot.Core.Persistence;
using SosepBot.Mailbox.Ingestion;

namespace SosepBot.Mailbox.Graph;

/// <summary>
/// One pass over a Microsoft 365 inbox: follows the delta query from the stored delta link (or from the start)
/// through every @odata.nextLink, ingests the messages not yet recorded (by immutable id; in groups of
/// Mailbox:CommitSize, one transaction each), and stores the new
/// @odata.deltaLink. Read/unread does not matter; a crash mid-pass repeats the pass and skips recorded mail.
/// </summary>
public sealed partial class GraphMailboxSync(GraphMailClient graph, MailReader reader, IServiceScopeFactory scopes, IOptions<MailboxOptions> options, TimeProvider time, ILogger<GraphMailboxSync> logger)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> folderIds = new(StringComparer.Ordinal);

    public string MailboxKey => $"graph:{(options.Value.Graph.User ?? options.Value.Address)?.ToLowerInvariant()}/{options.Value.Graph.Folder}";

    /// <summary>Returns how many messages were newly processed.</summary>
    public async Task<int> SyncAsync(CancellationToken cancellationToken)
    {
        string? link;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
            link = await db.MailboxCursors.AsNoTracking().Where(c => c.Mailbox == MailboxKey).Select(c => c.Value).FirstOrDefaultAsync(cancellationToken);
        }

        var processed = 0;
        while (true)
        {
            var page = await graph.DeltaAsync(link, cancellationToken);
            // The page's mails not recorded yet, fetched and then ingested in groups (one transaction per group).
            List<string> recorded;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var ids = page.Ids.ToList();
                recorded = await scope.ServiceProvider.GetRequiredService<SosepDbContext>().MailRecords.AsNoTracking()
                    .Where(r => r.Mailbox == MailboxKey && ids.Contains(r.ExternalId)).Select(r => r.ExternalId).ToListAsync(cancellationToken);
            }

            foreach (var group in page.Ids.Except(recorded, StringComparer.Ordinal).Chunk(options.Value.CommitSize))
            {
                var mails = new List<MailReading>(group.Length);
                foreach (var id in group)
                {
                    mails.Add(reader.Read(MailboxKey, new IncomingMail(id, await graph.RawAsync(id, cancellationToken))));
                }

                var results = await BatchIngestion.IngestAsync(scopes, MailboxKey, mails, options.Value.CommitSize, logger, cancellationToken);
                processed += results.Count(r => !r.AlreadyProcessed);
                // Only now, after the commits: out of the inbox, into the folder of each outcome.
                for (var i = 0; i < mails.Count; i++)
                {
                    await MoveAsync(mails[i].Record.ExternalId, options.Value.FolderFor(results[i].Outcome), cancellationToken);
                }
            }

            if (page.NextLink is { } next)
            {
                link = next;
                continue;
            }

            if (page.DeltaLink is { } delta)
            {
                await SaveCursorAsync(delta, cancellationToken);
            }

            break;
        }

        if (processed > 0)
        {
            LogProcessed(logger, processed);
        }

        return processed;
    }

    /// <summary>
    /// Moves a recorded mail to its folder. The record, not the move, is what prevents processing it twice: a mail
    /// another instance moved first (404) or that could not be moved stays processed and is only logged.
    /// </summary>
    private async Task MoveAsync(string id, string folder, CancellationToken cancellationToken)
    {
        try
        {
            if (!folderIds.TryGetValue(folder, out var folderId))
            {
                folderIds[folder] = folderId = await graph.FolderIdAsync(folder, cancellationToken);
            }

            await graph.MoveAsync(id, folderId, cancellationToken);
        }
        catch (Microsoft.Graph.Models.ODataErrors.ODataError e) when (e.ResponseStatusCode == 404)
        {
            folderIds.Clear();
        }
        catch (Exception e) when (e is HttpRequestException or Microsoft.Graph.Models.ODataErrors.ODataError or Microsoft.Kiota.Abstractions.ApiException)
        {
            folderIds.Clear();
            LogMoveFailed(logger, folder, MailNetwork.IsExpected(e) ? MailNetwork.Cause(e) : $"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task SaveCursorAsync(string deltaLink, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
        var cursor = await db.MailboxCursors.FirstOrDefaultAsync(c => c.Mailbox == MailboxKey, cancellationToken);
        if (cursor is null)
        {
            db.MailboxCursors.Add(new MailboxCursor { Mailbox = MailboxKey, Value = deltaLink, UpdatedAt = time.GetUtcNow() });
        }
        else
        {
            cursor.Value = deltaLink;
            cursor.UpdatedAt = time.GetUtcNow();
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance stored its delta link at the same moment; either one is a valid place to resume.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph mailbox: a processed message could not be moved to {Folder} ({Cause}); it stays in the inbox (it will not be processed again)")]
    private static partial void LogMoveFailed(ILogger logger, string folder, string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph mailbox: {Count} new message(s) processed")]
    private static partial void LogProcessed(ILogger logger, int count);
}
