using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.Mail;
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
    public string MailboxKey => $"imap:{(options.Value.Imap.UserName ?? options.Value.Address)?.ToLowerInvariant()}/INBOX";

    /// <summary>Connects and signs in a client the caller owns (one client per mailbox loop).</summary>
    public async Task<ImapClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var o = options.Value.Imap;
        var client = new ImapClient();
        try
        {
            await client.ConnectAsync(o.Host, o.Port, SmtpOutboxSender.Secure(o.Security), cancellationToken);
            await client.AuthenticateAsync(o.UserName ?? options.Value.Address ?? string.Empty, o.Password ?? string.Empty, cancellationToken);
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
            foreach (var uid in batch)
            {
                var raw = await DownloadAsync(inbox, uid, cancellationToken);
                if (raw is null)
                {
                    continue; // another instance moved it away after our search: it handled it
                }

                var externalId = $"{inbox.UidValidity}:{uid.Id}";
                IngestResult result;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    result = await scope.ServiceProvider.GetRequiredService<MailIngestor>().IngestAsync(MailboxKey, externalId, raw, cancellationToken);
                }

                processed += result.AlreadyProcessed ? 0 : 1;
                var target = result.Outcome switch
                {
                    MailOutcome.Quarantined => folders.Quarantine,
                    MailOutcome.Request or MailOutcome.Comment => folders.Processed,
                    _ => folders.Ignored,
                };
                if (!moves.TryGetValue(target, out var list))
                {
                    moves[target] = list = [];
                }

                list.Add(uid);
            }

            // Only now, after every commit of the batch: move (or copy + expunge) out of the inbox.
            foreach (var (folder, list) in moves)
            {
                await inbox.MoveToAsync(list, folder, cancellationToken);
            }

            LogBatch(logger, batch.Count);
        }
    }

    private static async Task<byte[]?> DownloadAsync(IMailFolder inbox, UniqueId uid, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = await inbox.GetStreamAsync(uid, cancellationToken);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }
        catch (MessageNotFoundException)
        {
            return null;
        }
    }

    private async Task<Folders> FoldersAsync(ImapClient client, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var root = client.GetFolder(client.PersonalNamespaces[0]);
        var existing = await root.GetSubfoldersAsync(false, cancellationToken);
        async Task<IMailFolder> Get(string name) =>
            existing.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? await root.CreateAsync(name, true, cancellationToken)
            ?? throw new InvalidOperationException($"The IMAP folder {name} could not be created.");
        return new Folders(await Get(o.ProcessedFolder), await Get(o.IgnoredFolder), await Get(o.QuarantineFolder));
    }

    private sealed record Folders(IMailFolder Processed, IMailFolder Ignored, IMailFolder Quarantine);

    [LoggerMessage(Level = LogLevel.Debug, Message = "IMAP mailbox: batch of {Count} message(s) processed and moved")]
    private static partial void LogBatch(ILogger logger, int count);
}
