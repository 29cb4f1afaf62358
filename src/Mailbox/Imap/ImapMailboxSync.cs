using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Mailbox.Ingestion;
using SosepBot.Mailbox.Outgoing;

namespace SosepBot.Mailbox.Imap;

/// <summary>
/// One pass over the IMAP inbox: every message still there (read or unread) is ingested — a message whose
/// UIDVALIDITY:UID is already recorded (the service died between commit and move, or another instance took it)
/// is only moved — and, after the commits, moved to the folder of its outcome. This is also the reconciliation at start.
/// </summary>
public sealed partial class ImapMailboxSync(IServiceScopeFactory scopes, MailReader reader, IOptions<MailboxOptions> options, ILogger<ImapMailboxSync> logger)
{
    public string MailboxKey => $"imap:{options.Value.ImapLogin.ToLowerInvariant()}/INBOX";

    /// <summary>Connects and signs in a client the caller owns (one client per mailbox loop).</summary>
    public async Task<ImapClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var o = options.Value.Imap;
        var client = new ImapClient();
        try
        {
            await client.ConnectAsync(o.Host, o.Port, SmtpOutboxSender.Secure(o.Security), cancellationToken);
            await client.AuthenticateAsync(options.Value.ImapLogin, o.Password ?? string.Empty, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Processes everything in the inbox; returns how many messages were newly processed. The inbox is searched, and its
    /// messages taken in batches of Mailbox:BatchSize. While one batch is written, the connection moves the batch before
    /// it out of the inbox (its transactions committed) and fetches the next one (one FETCH), which is then read
    /// (<see cref="MailReader"/>) on another thread: the IMAP work and the parse of a backlog overlap with the writes.
    /// The connection does one command at a time, in that order. Then the inbox is searched again, for what came meanwhile.
    /// </summary>
    public async Task<int> SyncAsync(ImapClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var o = options.Value;
        var folders = await FoldersAsync(client, cancellationToken);
        var inbox = client.Inbox;
        if (!inbox.IsOpen || inbox.Access != FolderAccess.ReadWrite)
        {
            await inbox.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        }

        var processed = 0;
        while (true)
        {
            var uids = await inbox.SearchAsync(SearchQuery.NotDeleted, cancellationToken);
            if (uids.Count == 0)
            {
                return processed;
            }

            var batches = uids.Chunk(o.BatchSize).ToList();
            var next = Connection(inbox, [], batches[0], cancellationToken);
            List<Move> written = [];
            for (var b = 0; b < batches.Count; b++)
            {
                var batch = await next.Read; // the moves before it done, too (a failure of either is thrown here)
                LogMoved(logger, written);
                next = Connection(inbox, written, b + 1 < batches.Count ? batches[b + 1] : [], cancellationToken);
                List<IngestResult> results;
                try
                {
                    results = await BatchIngestion.IngestAsync(scopes, MailboxKey, batch.Select(m => m.Reading).ToList(), o.CommitSize, logger, cancellationToken);
                }
                finally
                {
                    // The connection must be free before anything else uses it (or the failure is seen).
                    await next.Done.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }

                processed += results.Count(r => !r.AlreadyProcessed);

                // Every commit of the batch is done: out of the inbox (or copy + expunge) with the next connection's work.
                written = batch.Select((m, i) => (m.Uid, Folder: folders[o.FolderFor(results[i].Outcome)]))
                    .GroupBy(m => m.Folder, m => m.Uid).Select(g => new Move(g.Key, g.ToList())).ToList();
            }

            await next.Read;
            await MoveAllAsync(inbox, written, cancellationToken);
            LogMoved(logger, written);
        }
    }

    /// <summary>
    /// Starts the connection's work while a batch is written: the moves of the batch before it, then the fetch of the next
    /// one (none when <paramref name="uids"/> is empty), which is then read on the thread pool. <see cref="Prefetch.Done"/>
    /// completes when the connection is free again, <see cref="Prefetch.Read"/> when the batch is read.
    /// </summary>
    private Prefetch Connection(IMailFolder inbox, List<Move> moves, UniqueId[] uids, CancellationToken cancellationToken)
    {
        async Task<List<(UniqueId Uid, byte[] Raw)>> MoveThenFetchAsync()
        {
            await MoveAllAsync(inbox, moves, cancellationToken);
            return uids.Length == 0 ? [] : await DownloadAsync(inbox, uids, cancellationToken);
        }

        var downloaded = MoveThenFetchAsync();
        var (mailbox, validity) = (MailboxKey, inbox.UidValidity);
        var read = Task.Run(async () => (await downloaded)
            .Select(m => new Fetched(m.Uid, reader.Read(mailbox, new IncomingMail($"{validity}:{m.Uid.Id}", m.Raw))))
            .ToList(), cancellationToken);
        return new Prefetch(downloaded, read);
    }

    private static void LogMoved(ILogger logger, List<Move> moved)
    {
        if (moved.Count > 0)
        {
            LogBatch(logger, moved.Sum(m => m.Uids.Count));
        }
    }

    private static async Task MoveAllAsync(IMailFolder inbox, List<Move> moves, CancellationToken cancellationToken)
    {
        foreach (var move in moves)
        {
            await MoveAsync(inbox, move.Uids, move.Folder, cancellationToken);
        }
    }

    /// <summary>Moves the messages; those another instance moved away meanwhile (it handled them too) are left out.</summary>
    private static async Task MoveAsync(IMailFolder inbox, List<UniqueId> uids, IMailFolder folder, CancellationToken cancellationToken)
    {
        try
        {
            await inbox.MoveToAsync(uids, folder, cancellationToken);
        }
        catch (ImapCommandException)
        {
            var remaining = await inbox.SearchAsync(SearchQuery.Uids(uids).And(SearchQuery.NotDeleted), cancellationToken);
            if (remaining.Count > 0)
            {
                await inbox.MoveToAsync(remaining, folder, cancellationToken);
            }
        }
    }

    private static async Task<List<(UniqueId Uid, byte[] Raw)>> DownloadAsync(IMailFolder inbox, IList<UniqueId> uids, CancellationToken cancellationToken)
    {
        var downloaded = new Dictionary<UniqueId, byte[]>();
        if (inbox is ImapFolder imap)
        {
            await imap.GetStreamsAsync(uids, async (_, _, uid, stream, ct) =>
            {
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, ct);
                downloaded[uid] = buffer.ToArray();
            }, cancellationToken);
        }
        else
        {
            foreach (var uid in uids)
            {
                try
                {
                    using var stream = await inbox.GetStreamAsync(uid, cancellationToken);
                    using var buffer = new MemoryStream();
                    await stream.CopyToAsync(buffer, cancellationToken);
                    downloaded[uid] = buffer.ToArray();
                }
                catch (MessageNotFoundException)
                {
                    // another instance moved it away after our search: it handled it
                }
            }
        }

        // In the order of the search (the inbox's order), whatever order the server answered in.
        return uids.Where(downloaded.ContainsKey).Select(uid => (uid, downloaded[uid])).ToList();
    }

    private async Task<Dictionary<string, IMailFolder>> FoldersAsync(ImapClient client, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var root = client.GetFolder(client.PersonalNamespaces[0]);
        var existing = await root.GetSubfoldersAsync(false, cancellationToken);
        async Task<IMailFolder> Get(string name) =>
            existing.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? await root.CreateAsync(name, true, cancellationToken)
            ?? throw new InvalidOperationException($"The IMAP folder {name} could not be created.");
        var folders = new Dictionary<string, IMailFolder>(StringComparer.Ordinal);
        foreach (var name in new[] { o.ProcessedFolder, o.IgnoredFolder, o.QuarantineFolder })
        {
            folders[name] = await Get(name);
        }

        return folders;
    }

    private readonly record struct Fetched(UniqueId Uid, MailReading Reading);

    private readonly record struct Prefetch(Task Done, Task<List<Fetched>> Read);

    private sealed record Move(IMailFolder Folder, List<UniqueId> Uids);

    [LoggerMessage(Level = LogLevel.Debug, Message = "IMAP mailbox: batch of {Count} message(s) processed and moved")]
    private static partial void LogBatch(ILogger logger, int count);
}
