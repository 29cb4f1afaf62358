using System.Data.Common;
using System.Diagnostics;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MimeKit;
using SosepBot.Bench;

namespace SosepBot.Mailbox.Bench;

/// <summary>
/// The least any mail pipeline must do, hand-written: fetch a batch in one FETCH, parse each message, store a request,
/// the mail's record (its id unique, so a mail is taken once) and the acknowledgement to send, durably, in commits of
/// <c>commitSize</c> mails, and only then move the batch out of the inbox. No checks, no procedures, no history, no
/// search words, no EF Core: a floor, not a service. If the floor alone is more than a target's multiple of the bare
/// fetch, that target cannot be met by any pipeline that keeps the mail safe.
/// </summary>
internal static class MailFloor
{
    public static async Task<(TimeSpan Elapsed, TimeSpan Cpu, int Stored)> RunAsync(ImapClient client, BenchDatabase database, int batchSize, int commitSize)
    {
        await using var connection = database.Connect();
        await connection.OpenAsync();
        var key = database.Provider == SosepBot.Core.Persistence.DatabaseProvider.Sqlite ? "INTEGER PRIMARY KEY" : "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
        await ExecuteAsync(connection, null,
            $"CREATE TABLE IF NOT EXISTS floor_request (id {key}, number TEXT NOT NULL, sender TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL, created TEXT NOT NULL);"
            + "CREATE TABLE IF NOT EXISTS floor_mail (external_id TEXT PRIMARY KEY, request_id INTEGER NOT NULL);"
            + $"CREATE TABLE IF NOT EXISTS floor_outbox (id {key}, recipient TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL);");
        var root = client.GetFolder(client.PersonalNamespaces[0]);
        var target = (await root.GetSubfoldersAsync(false)).FirstOrDefault(f => f.Name == "Floor") ?? await root.CreateAsync("Floor", true) ?? throw new InvalidOperationException("no Floor folder");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var stored = 0;
        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadWrite);
        while (true)
        {
            var uids = await inbox.SearchAsync(SearchQuery.NotDeleted);
            if (uids.Count == 0)
            {
                break;
            }

            var batch = uids.Take(batchSize).ToList();
            var raw = new Dictionary<UniqueId, byte[]>();
            await ((ImapFolder)inbox).GetStreamsAsync(batch, async (_, _, uid, stream, ct) =>
            {
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, ct);
                raw[uid] = buffer.ToArray();
            });
            foreach (var chunk in batch.Chunk(commitSize))
            {
                await using var transaction = await connection.BeginTransactionAsync();
                await using var request = Command(connection, transaction, "INSERT INTO floor_request (number, sender, title, description, created) VALUES (@p0, @p1, @p2, @p3, @p4) RETURNING id", 5, 0);
                await using var mail = Command(connection, transaction, "INSERT INTO floor_mail (external_id, request_id) VALUES (@p0, @p1)", 2, 1);
                await using var outbox = Command(connection, transaction, "INSERT INTO floor_outbox (recipient, subject, body) VALUES (@p0, @p1, @p2)", 3, 0);
                foreach (var uid in chunk)
                {
                    using var stream = new MemoryStream(raw[uid]);
                    var message = await MimeMessage.LoadAsync(stream);
                    var sender = message.From.Mailboxes.First().Address;
                    var number = $"UI-2026-{++stored:D5}";
                    request.Parameters[0].Value = number;
                    request.Parameters[1].Value = sender;
                    request.Parameters[2].Value = message.Subject ?? "";
                    request.Parameters[3].Value = message.TextBody ?? "";
                    request.Parameters[4].Value = DateTimeOffset.UtcNow.ToString("O");
                    var id = await request.ExecuteScalarAsync();
                    mail.Parameters[0].Value = $"{inbox.UidValidity}:{uid.Id}";
                    mail.Parameters[1].Value = id;
                    await mail.ExecuteNonQueryAsync();
                    outbox.Parameters[0].Value = sender;
                    outbox.Parameters[1].Value = $"[{number}] Recibimos su solicitud: {message.Subject}";
                    outbox.Parameters[2].Value = $"Su solicitud quedó registrada con el número {number}.";
                    await outbox.ExecuteNonQueryAsync();
                }

                await transaction.CommitAsync();
            }

            await inbox.MoveToAsync(batch, target);
        }

        return (watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, stored);
    }

    /// <summary>A prepared statement of <paramref name="parameters"/> text parameters, the last <paramref name="numbers"/> of them numbers.</summary>
    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, int parameters, int numbers)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@p" + i;
            p.DbType = i >= parameters - numbers ? System.Data.DbType.Int64 : System.Data.DbType.String;
            command.Parameters.Add(p);
        }

        command.Prepare();
        return command;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
