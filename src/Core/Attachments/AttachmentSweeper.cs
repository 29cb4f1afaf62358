using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.Persistence;

namespace SosepBot.Core.Attachments;

/// <summary>
/// Removes stored files that no attachment row names once they are older than Attachments:OrphanGrace: content is
/// written before its row is committed, so a transaction rolled back afterwards (a batch of mails redone one by one,
/// a process killed mid-request) leaves a file nobody can reach. Run daily by the jobs.
/// </summary>
public sealed partial class AttachmentSweeper(
    SosepDbContext db, IAttachmentStore store, IOptions<AttachmentOptions> options, TimeProvider time, ILogger<AttachmentSweeper> logger)
{
    private const int Chunk = 500;

    /// <summary>Returns how many files were removed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - options.Value.OrphanGrace;
        var removed = 0;
        foreach (var chunk in store.List().Where(f => f.WrittenAt < before).Select(f => f.Key).Chunk(Chunk))
        {
            var keys = chunk.ToList();
            var named = (await db.Attachments.AsNoTracking().Where(a => keys.Contains(a.StorageKey)).Select(a => a.StorageKey)
                .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            foreach (var key in keys.Where(k => !named.Contains(k)))
            {
                await store.DeleteAsync(key, cancellationToken);
                removed++;
            }
        }

        if (removed > 0)
        {
            LogSwept(logger, removed);
        }

        return removed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} stored file(s) that no attachment names (left by rolled-back work)")]
    private static partial void LogSwept(ILogger logger, int count);
}
