using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace SosepBot.Mailbox.Tests;

/// <summary>
/// The private Dovecot + Postfix that scripts/test-env/10-mail.sh starts. Every address of sosep.test and
/// otro.test exists (password "secreto"), so each test takes mailboxes of its own.
/// </summary>
public static class MailEnvironment
{
    public static readonly int ImapPort = Port("SOSEPBOT_TEST_IMAP_PORT");

    public static readonly int SmtpPort = Port("SOSEPBOT_TEST_SMTP_PORT");

    public static string Domain => Environment.GetEnvironmentVariable("SOSEPBOT_TEST_MAIL_DOMAIN") ?? "sosep.test";

    public static string Password => Environment.GetEnvironmentVariable("SOSEPBOT_TEST_MAIL_PASSWORD") ?? "secreto";

    public static bool Configured => ImapPort > 0 && SmtpPort > 0;

    public static void SkipUnlessConfigured() =>
        Skip.IfNot(Configured, "No mail servers: run scripts/test.sh (or set SOSEPBOT_TEST_IMAP_PORT and SOSEPBOT_TEST_SMTP_PORT).");

    /// <summary>A fresh address of the test domain.</summary>
    public static string NewAddress(string name, string? domain = null) =>
        $"{name}-{Guid.NewGuid().ToString("N")[..10]}@{domain ?? Domain}";

    /// <summary>Settings of a mailbox on the test servers, for the service under test.</summary>
    public static Dictionary<string, string?> Settings(string helpdesk, params string[] allowedDomains)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Mailbox:Transport"] = "Imap",
            ["Mailbox:Watch"] = "false",
            ["Mailbox:Address"] = helpdesk,
            ["Mailbox:Imap:Host"] = "127.0.0.1",
            ["Mailbox:Imap:Port"] = ImapPort.ToString(CultureInfo.InvariantCulture),
            ["Mailbox:Imap:Security"] = "None",
            ["Mailbox:Imap:UserName"] = helpdesk,
            ["Mailbox:Imap:Password"] = Password,
            ["Mailbox:Smtp:Host"] = "127.0.0.1",
            ["Mailbox:Smtp:Port"] = SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mailbox:Smtp:Security"] = "None",
        };
        var domains = allowedDomains.Length == 0 ? [Domain] : allowedDomains;
        for (var i = 0; i < domains.Length; i++)
        {
            settings[$"Mailbox:AllowedDomains:{i}"] = domains[i];
        }

        return settings;
    }

    public static MimeMessage Mail(string from, string to, string subject, string text, string? fromName = null)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(fromName ?? string.Empty, from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("cliente.test");
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    /// <summary>Sends through Postfix (SMTP → LMTP → Dovecot).</summary>
    public static async Task SendAsync(params MimeMessage[] messages)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync("127.0.0.1", SmtpPort, SecureSocketOptions.None);
        foreach (var message in messages)
        {
            await smtp.SendAsync(message);
        }

        await smtp.DisconnectAsync(true);
    }

    public static async Task<ImapClient> ImapAsync(string user)
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", ImapPort, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, Password);
        return client;
    }

    /// <summary>Waits until <paramref name="user"/>'s inbox holds at least <paramref name="count"/> messages; returns them.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> WaitForInboxAsync(string user, int count, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            using var client = await ImapAsync(user);
            await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
            if (client.Inbox.Count >= count || DateTime.UtcNow > until)
            {
                var messages = new List<MimeMessage>();
                foreach (var uid in await client.Inbox.SearchAsync(SearchQuery.All))
                {
                    messages.Add(await client.Inbox.GetMessageAsync(uid));
                }

                await client.DisconnectAsync(true);
                return messages;
            }

            await client.DisconnectAsync(true);
            await Task.Delay(100);
        }
    }

    /// <summary>How many messages each folder of the mailbox holds.</summary>
    public static async Task<Dictionary<string, int>> FolderCountsAsync(string user)
    {
        using var client = await ImapAsync(user);
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var folder in await client.GetFolder(client.PersonalNamespaces[0]).GetSubfoldersAsync(false))
        {
            await folder.StatusAsync(StatusItems.Count);
            counts[folder.Name] = folder.Count;
        }

        await client.DisconnectAsync(true);
        return counts;
    }

    private static int Port(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 0;
}
