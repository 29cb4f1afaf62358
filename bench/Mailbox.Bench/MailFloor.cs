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
/// <c>commitSize</c> mails written each engine's fastest way (SQLite: prepared statements row by row; a server: two
/// multi-row statements, two round trips), and only then move the batch out of the inbox. No checks, no procedures, no history, no
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
                // Parsed first, then written in one commit, each engine its fastest way.
                var mails = new List<(string ExternalId, string Number, string Sender, string Subject, string Body)>();
                foreach (var uid in chunk)
                {
                    using var stream = new MemoryStream(raw[uid]);
                    var message = await MimeMessage.LoadAsync(stream);
                    mails.Add(($"{inbox.UidValidity}:{uid.Id}", $"UI-2026-{++stored:D5}", message.From.Mailboxes.First().Address, message.Subject ?? "", message.TextBody ?? ""));
                }

                await using var transaction = await connection.BeginTransactionAsync();
                if (database.Provider == SosepBot.Core.Persistence.DatabaseProvider.Sqlite)
                {
                    await RowByRowAsync(connection, transaction, mails);
                }
                else
                {
                    await MultiRowAsync(connection, transaction, mails);
                }

                await transaction.CommitAsync();
            }

            await inbox.MoveToAsync(batch, target);
        }

        return (watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, stored);
    }

    /// <summary>On a server: two round trips, the requests (their keys returned), then the mails' records and the acknowledgements.</summary>
    private static async Task MultiRowAsync(DbConnection connection, DbTransaction transaction, List<(string ExternalId, string Number, string Sender, string Subject, string Body)> mails)
    {
        var keys = new Dictionary<string, long>();
        await using (var requests = Command(connection, transaction, "INSERT INTO floor_request (number, sender, title, description, created) VALUES ", mails.Count,
            m => [mails[m].Number, mails[m].Sender, mails[m].Subject, mails[m].Body, DateTimeOffset.UtcNow.ToString("O")], " RETURNING number, id"))
        await using (var reader = await requests.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        await using (var records = Command(connection, transaction, "INSERT INTO floor_mail (external_id, request_id) VALUES ", mails.Count,
            m => [mails[m].ExternalId, keys[mails[m].Number]], ""))
        {
            records.CommandText += "; INSERT INTO floor_outbox (recipient, subject, body) VALUES "
                + string.Join(", ", mails.Select((_, m) => $"(@a{m}, @b{m}, @c{m})"));
            for (var m = 0; m < mails.Count; m++)
            {
                Add(records, $"@a{m}", mails[m].Sender);
                Add(records, $"@b{m}", $"[{mails[m].Number}] Recibimos su solicitud: {mails[m].Subject}");
                Add(records, $"@c{m}", $"Su solicitud quedó registrada con el número {mails[m].Number}.");
            }

            await records.ExecuteNonQueryAsync();
        }
    }

    /// <summary>In process (SQLite, no round trips): three prepared statements, executed row after row — faster there than a multi-row statement compiled per commit.</summary>
    private static async Task RowByRowAsync(DbConnection connection, DbTransaction transaction, List<(string ExternalId, string Number, string Sender, string Subject, string Body)> mails)
    {
        await using var request = Prepared(connection, transaction, "INSERT INTO floor_request (number, sender, title, description, created) VALUES (@p0, @p1, @p2, @p3, @p4) RETURNING id", 5);
        await using var record = Prepared(connection, transaction, "INSERT INTO floor_mail (external_id, request_id) VALUES (@p0, @p1)", 2);
        await using var outbox = Prepared(connection, transaction, "INSERT INTO floor_outbox (recipient, subject, body) VALUES (@p0, @p1, @p2)", 3);
        foreach (var mail in mails)
        {
            object[] values = [mail.Number, mail.Sender, mail.Subject, mail.Body, DateTimeOffset.UtcNow.ToString("O")];
            for (var i = 0; i < values.Length; i++)
            {
                request.Parameters[i].Value = values[i];
            }

            record.Parameters[0].Value = mail.ExternalId;
            record.Parameters[1].Value = await request.ExecuteScalarAsync();
            await record.ExecuteNonQueryAsync();
            outbox.Parameters[0].Value = mail.Sender;
            outbox.Parameters[1].Value = $"[{mail.Number}] Recibimos su solicitud: {mail.Subject}";
            outbox.Parameters[2].Value = $"Su solicitud quedó registrada con el número {mail.Number}.";
            await outbox.ExecuteNonQueryAsync();
        }
    }

    private static DbCommand Prepared(DbConnection connection, DbTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            Add(command, "@p" + i, DBNull.Value);
        }

        command.Prepare();
        return command;
    }

    /// <summary>One multi-row INSERT: <paramref name="head"/>, then a row of parameters per mail, then <paramref name="tail"/>.</summary>
    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string head, int rows, Func<int, object[]> values, string tail)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var tuples = new List<string>();
        for (var m = 0; m < rows; m++)
        {
            var row = values(m);
            tuples.Add("(" + string.Join(", ", row.Select((v, i) => Add(command, $"@r{m}_{i}", v))) + ")");
        }

        command.CommandText = head + string.Join(", ", tuples) + tail;
        return command;
    }

    private static string Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return name;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
