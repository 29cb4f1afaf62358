using System.Globalization;
using MailKit;
using Microsoft.Data.Sqlite;

namespace SosepBot.Mailbox.Tests;

/// <summary>The service is killed (SIGKILL) while ingesting a batch; after a restart every mail is a request exactly once.</summary>
[Trait("Engine", "Sqlite")] // SQLite's own: run in the SQLite pass only (scripts/test.sh)
public sealed class CrashTests
{
    private const int Mails = 150;

    [SkippableFact]
    public async Task Service_KilledMidBatchAndRestarted_EveryMailIsOneRequestExactlyOnce()
    {
        MailEnvironment.SkipUnlessConfigured();
        var directory = Path.Combine(Path.GetTempPath(), "sosepbot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var database = Path.Combine(directory, "crash.db");
        var helpdesk = MailEnvironment.NewAddress("helpdesk");
        var settings = new Dictionary<string, string?>(MailEnvironment.Settings(helpdesk))
        {
            ["Mailbox:Watch"] = "true",
            ["Mailbox:PollInterval"] = "00:00:01",
            // Batches of 5 mails, each mail its own commit and each batch its own IMAP search, fetch and move: the service
            // is killed after its fifth mail, with ~145 commits and ~29 round trips still to go (150 mails in one batch,
            // or even in batches of 10 committed in groups of 5, now take less than the test's reaction time — CI saw the
            // kill come after the last mail twice).
            ["Mailbox:BatchSize"] = "5",
            ["Mailbox:CommitSize"] = "1",
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={database}",
            ["Attachments:Directory"] = Path.Combine(directory, "attachments"),
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var mails = Enumerable.Range(1, Mails)
            .Select(i => MailEnvironment.Mail(MailEnvironment.NewAddress($"u{i}"), helpdesk, $"Falla número {i}", $"Detalle {i}"))
            .ToArray();
        await MailEnvironment.SendAsync(mails);
        Assert.Equal(Mails, (await MailEnvironment.WaitForInboxAsync(helpdesk, Mails, TimeSpan.FromSeconds(60))).Count);

        int atKill;
        using (var first = ServiceProcess.Start(settings))
        {
            atKill = await WaitForAsync(database, n => n >= 5, TimeSpan.FromSeconds(60), first);
            first.Kill();
        }

        var afterKill = await CountAsync(database, "MailRecords");
        Assert.InRange(afterKill, 5, Mails - 1); // it died with part of the batch done
        Assert.True(await InboxCountAsync(helpdesk) > 0, "mail not yet processed stays in the inbox");

        using (var second = ServiceProcess.Start(settings))
        {
            await WaitForAsync(database, n => n == Mails, TimeSpan.FromSeconds(90), second);
            var until = DateTime.UtcNow.AddSeconds(30);
            while (await InboxCountAsync(helpdesk) > 0 && DateTime.UtcNow < until)
            {
                await Task.Delay(200);
            }
        }

        Assert.Equal(Mails, await CountAsync(database, "Requests"));
        Assert.Equal(Mails, await ScalarAsync(database, "SELECT COUNT(DISTINCT Title) FROM Requests"));
        Assert.Equal(Mails, await ScalarAsync(database, "SELECT COUNT(DISTINCT ExternalId) FROM MailRecords"));
        Assert.Equal(Mails, await ScalarAsync(database, "SELECT COUNT(*) FROM OutboxMessages WHERE Kind = 'acuse'"));
        Assert.Equal(0, await ScalarAsync(database, "SELECT COUNT(*) FROM (SELECT Title FROM Requests GROUP BY Title HAVING COUNT(*) > 1)"));
        Assert.Equal(0, await InboxCountAsync(helpdesk));
        Assert.Equal(Mails, (await MailEnvironment.FolderCountsAsync(helpdesk))["Procesados"]);
        Assert.True(atKill < Mails);
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// Polls the service's database every 2 ms on one open read-only connection (opening one per poll, and waiting out a
    /// busy database 20 ms at a time, let the service finish the whole batch before the kill landed).
    /// </summary>
    private static async Task<int> WaitForAsync(string database, Func<int, bool> done, TimeSpan timeout, ServiceProcess service)
    {
        var until = DateTime.UtcNow + timeout;
        SqliteConnection? connection = null;
        try
        {
            while (DateTime.UtcNow < until)
            {
                Assert.False(service.HasExited, "the service stopped by itself");
                int n;
                try
                {
                    if (connection is null && File.Exists(database))
                    {
                        connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
                        await connection.OpenAsync();
                    }

                    await using var command = connection?.CreateCommand();
                    if (command is null)
                    {
                        n = -1;
                    }
                    else
                    {
                        command.CommandText = "SELECT COUNT(*) FROM MailRecords";
                        n = Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
                    }
                }
                catch (SqliteException)
                {
                    n = -1; // the service is still creating its tables, or writing
                }

                if (n >= 0 && done(n))
                {
                    return n;
                }

                await Task.Delay(2);
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }

        throw new TimeoutException("The service did not process the mail in time.");
    }

    private static Task<int> CountAsync(string database, string table) => ScalarAsync(database, $"SELECT COUNT(*) FROM {table}");

    private static async Task<int> ScalarAsync(string database, string sql)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // fixed test queries
                command.CommandText = sql;
#pragma warning restore CA2100
                return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            }
            catch (SqliteException) when (attempt < 50)
            {
                // Not migrated yet, or busy: the service is writing.
                await Task.Delay(20);
            }
        }
    }

    private static async Task<int> InboxCountAsync(string user)
    {
        using var client = await MailEnvironment.ImapAsync(user);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var count = client.Inbox.Count;
        await client.DisconnectAsync(true);
        return count;
    }
}
