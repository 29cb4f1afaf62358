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
public sealed partial class ImapMailboxSync(IServiceScopeFactory scopes, IOptions<MailboxOptions> options, ILogger<ImapMailboxSync> logger)
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

    /// <summary>Processes everything in the inbox; returns how many messages were newly processed.</summary>
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

            var batch = uids.Take(o.BatchSize).ToList();
            var moves = new Dictionary<IMailFolder, List<UniqueId>>();
            // One FETCH for the whole batch; a message another instance moved away after our search is simply not returned.
            var downloaded = await DownloadAsync(inbox, batch, cancellationToken);
            var mails = downloaded.Select(d => new IncomingMail($"{inbox.UidValidity}:{d.Uid.Id}", d.Raw)).ToList();
            var results = await BatchIngestion.IngestAsync(scopes, MailboxKey, mails, o.CommitSize, logger, cancellationToken);

            for (var i = 0; i < downloaded.Count; i++)
            {
                var result = results[i];
                processed += result.AlreadyProcessed ? 0 : 1;
                var target = folders[o.FolderFor(result.Outcome)];
                if (!moves.TryGetValue(target, out var list))
                {
                    moves[target] = list = [];
                }

                list.Add(downloaded[i].Uid);
            }

            // Only now, after every commit of the batch: move (or copy + expunge) out of the inbox.
            foreach (var (folder, list) in moves)
            {
                await MoveAsync(inbox, list, folder, cancellationToken);
            }

            LogBatch(logger, batch.Count);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "IMAP mailbox: batch of {Count} message(s) processed and moved")]
    private static partial void LogBatch(ILogger logger, int count);
}
