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
/// through every @odata.nextLink, ingests each message not yet recorded (by immutable id), and stores the new
/// @odata.deltaLink. Read/unread does not matter; a crash mid-pass repeats the pass and skips recorded mail.
/// </summary>
public sealed partial class GraphMailboxSync(GraphMailClient graph, IServiceScopeFactory scopes, IOptions<MailboxOptions> options, TimeProvider time, ILogger<GraphMailboxSync> logger)
{
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
            foreach (var id in page.Ids)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
                if (await db.MailRecords.AnyAsync(r => r.Mailbox == MailboxKey && r.ExternalId == id, cancellationToken))
                {
                    continue;
                }

                var raw = await graph.RawAsync(id, cancellationToken);
                var result = await scope.ServiceProvider.GetRequiredService<MailIngestor>().IngestAsync(MailboxKey, id, raw, cancellationToken);
                processed += result.AlreadyProcessed ? 0 : 1;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph mailbox: {Count} new message(s) processed")]
    private static partial void LogProcessed(ILogger logger, int count);
}
