using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using SosepBot.Core.Persistence;

namespace SosepBot.Core.Requests;

/// <summary>
/// Keeps the word index (<see cref="RequestWord"/>) in step with the requests' titles and descriptions and their
/// comments. <see cref="SosepDbContext"/> calls it on every SaveChanges (<see cref="StageAsync"/>: the word rows join
/// the same save, so they commit or fail with the texts) and after every InsertAsync of requests or comments
/// (<see cref="OfInsertedAsync"/>), so no writer — Teams, mail, API, console, jobs, bulk openings — has to know.
/// A new request gets the words of its texts; a new comment adds those its request does not hold yet; a changed title
/// or description, or a comment changed or removed, rebuilds its request's words from all its texts.
/// </summary>
public static class RequestWordIndex
{
    /// <summary>The words of a request's title and description and of its comments' texts, distinct.</summary>
    public static HashSet<string> Of(string? title, string? description, IEnumerable<string?> comments)
    {
        ArgumentNullException.ThrowIfNull(comments);
        var words = new HashSet<string>(SearchText.IndexWords(SearchText.OfRequest(title, description)), StringComparer.Ordinal);
        foreach (var text in comments)
        {
            words.UnionWith(SearchText.IndexWords(text));
        }

        return words;
    }

    /// <summary>
    /// Adds to the context the word rows (new and removed) that the tracked changes of requests and comments need, and
    /// returns them, for the caller to detach once saved (they are never read back through the context).
    /// </summary>
    public static async Task<IReadOnlyList<RequestWord>> StageAsync(SosepDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var requests = db.ChangeTracker.Entries<Request>()
            .Where(e => e.State == EntityState.Added || (e.State == EntityState.Modified && (e.Property(r => r.Title).IsModified || e.Property(r => r.Description).IsModified)))
            .ToList();
        var comments = db.ChangeTracker.Entries<Comment>()
            .Where(e => e.State is EntityState.Added or EntityState.Deleted || (e.State == EntityState.Modified && e.Property(c => c.Text).IsModified))
            .ToList();
        if (requests.Count == 0 && comments.Count == 0)
        {
            return [];
        }

        // By the request's key as tracked (a temporary one for a request being added; its comments carry the same).
        var work = new Dictionary<long, Work>();
        foreach (var entry in requests)
        {
            var isNew = entry.State == EntityState.Added;
            work[entry.Property(r => r.Id).CurrentValue] = new Work(entry, isNew, Rebuild: !isNew);
        }

        foreach (var entry in comments)
        {
            var key = entry.Property(c => c.RequestId).CurrentValue;
            var item = work.TryGetValue(key, out var found) ? found : work[key] = new Work(null, false, false);
            if (entry.State == EntityState.Added && !item.Rebuild)
            {
                item.Added.UnionWith(SearchText.IndexWords(entry.Entity.Text));
            }
            else if (!item.IsNew)
            {
                work[key] = item with { Rebuild = true };
            }
        }

        var staged = new List<RequestWord>();
        foreach (var (key, item) in work)
        {
            if (item.IsNew)
            {
                var request = item.Request!.Entity;
                var words = Of(request.Title, request.Description, []);
                words.UnionWith(item.Added);
                staged.AddRange(words.Select(w => new RequestWord { Word = w, Request = request }));
            }
            else if (item.Rebuild)
            {
                await RebuildAsync(db, key, item.Request, staged, cancellationToken);
            }
            else
            {
                var held = await HeldAsync(db, key, item.Added, cancellationToken);
                staged.AddRange(item.Added.Where(w => !held.Contains(w)).Select(w => new RequestWord { Word = w, RequestId = key }));
            }
        }

        foreach (var word in staged.Where(w => db.Entry(w).State == EntityState.Detached))
        {
            db.RequestWords.Add(word);
        }

        return staged;
    }

    /// <summary>The word rows for requests or comments just inserted (their keys known), less those their requests already hold.</summary>
    public static async Task<IReadOnlyList<RequestWord>> OfInsertedAsync<T>(SosepDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        switch (rows)
        {
            case IReadOnlyList<Request> requests:
                return requests.SelectMany(r => Of(r.Title, r.Description, []).Select(w => new RequestWord { Word = w, RequestId = r.Id })).ToList();
            case IReadOnlyList<Comment> added:
                var result = new List<RequestWord>();
                foreach (var group in added.GroupBy(c => c.RequestId))
                {
                    var words = Of(null, null, group.Select(c => c.Text));
                    var held = await HeldAsync(db, group.Key, words, cancellationToken);
                    result.AddRange(words.Where(w => !held.Contains(w)).Select(w => new RequestWord { Word = w, RequestId = group.Key }));
                }

                return result;
            default:
                return [];
        }
    }

    /// <summary>Which of <paramref name="words"/> request <paramref name="requestId"/> holds already (by its key, an index seek per word).</summary>
    private static async Task<HashSet<string>> HeldAsync(SosepDbContext db, long requestId, HashSet<string> words, CancellationToken cancellationToken)
    {
        if (words.Count == 0)
        {
            return [];
        }

        var list = words.ToList();
        return (await db.RequestWords.AsNoTracking().Where(w => w.RequestId == requestId && list.Contains(w.Word)).Select(w => w.Word)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A request's words from all its texts as they will be saved, against those it holds: the missing added, the stale removed.</summary>
    private static async Task RebuildAsync(SosepDbContext db, long requestId, EntityEntry<Request>? tracked, List<RequestWord> staged, CancellationToken cancellationToken)
    {
        var (title, description) = tracked is not null ? (tracked.Entity.Title, tracked.Entity.Description)
            : await db.Requests.AsNoTracking().Where(r => r.Id == requestId).Select(r => new ValueTuple<string, string?>(r.Title, r.Description)).FirstOrDefaultAsync(cancellationToken);
        var texts = await db.Comments.AsNoTracking().Where(c => c.RequestId == requestId).Select(c => new { c.Id, c.Text }).ToDictionaryAsync(c => c.Id, c => c.Text, cancellationToken);
        foreach (var entry in db.ChangeTracker.Entries<Comment>().Where(e => e.Entity.RequestId == requestId))
        {
            if (entry.State == EntityState.Deleted)
            {
                texts.Remove(entry.Entity.Id);
            }
            else if (entry.State is EntityState.Added or EntityState.Modified)
            {
                texts[entry.State == EntityState.Added ? -1 - texts.Count : entry.Entity.Id] = entry.Entity.Text;
            }
        }

        var wanted = Of(title, description, texts.Values);
        var held = (await db.RequestWords.AsNoTracking().Where(w => w.RequestId == requestId).Select(w => w.Word).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        staged.AddRange(wanted.Where(w => !held.Contains(w)).Select(w => new RequestWord { Word = w, RequestId = requestId }));
        foreach (var stale in held.Where(w => !wanted.Contains(w)))
        {
            var row = new RequestWord { Word = stale, RequestId = requestId };
            db.RequestWords.Attach(row).State = EntityState.Deleted;
            staged.Add(row);
        }
    }

    private sealed record Work(EntityEntry<Request>? Request, bool IsNew, bool Rebuild)
    {
        public HashSet<string> Added { get; } = new(StringComparer.Ordinal);
    }
}
