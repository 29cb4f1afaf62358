using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using SosepBot.Bot.Tests.Fakes;
using SosepBot.Core.Persistence;
using SosepBot.TestKit;

namespace SosepBot.Bot.Tests.Instances;

/// <summary>
/// Three instances of the service on one PostgreSQL database behind a round-robin proxy, with one helpdesk mailbox on the
/// test Dovecot/Postfix watched by all of them, the Teams bot answering to a fake Bot Connector, and the jobs on
/// Hangfire.PostgreSql. Teams runs as in production: each activity carries a token signed by the channel's issuer
/// (a loopback <see cref="FakeBotFrameworkIdentity"/>, whose keys every instance fetches from its JWKS), and each
/// instance gets its own token for the connector from that issuer's Entra ID stand-in (through <see cref="LoginTlsProxy"/>). Started once for <see cref="SeveralInstancesTests"/>, all at the same moment on an empty
/// jobs schema. Nothing is started off PostgreSQL or without the test mail servers.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int Count = 3;

    private static readonly int ImapPort = Port("SOSEPBOT_TEST_IMAP_PORT");
    private static readonly int SmtpPort = Port("SOSEPBOT_TEST_SMTP_PORT");

    public static string MailDomain => Environment.GetEnvironmentVariable("SOSEPBOT_TEST_MAIL_DOMAIN") ?? "sosep.test";

    private static string MailPassword => Environment.GetEnvironmentVariable("SOSEPBOT_TEST_MAIL_PASSWORD") ?? "secreto";

    /// <summary>Why the cluster is not started here, or null.</summary>
    public static string? Unavailable =>
        TestServerDatabases.Provider != DatabaseProvider.PostgreSql ? "Several instances share a server database: PostgreSQL only (SOSEPBOT_TEST_PROVIDER=PostgreSql)."
        : ImapPort == 0 || SmtpPort == 0 ? "No mail servers: SOSEPBOT_TEST_IMAP_PORT and SOSEPBOT_TEST_SMTP_PORT are not set (scripts/test-env/10-mail.sh)."
        : null;

    private LoginTlsProxy? _login;

    public InstanceCluster Cluster { get; private set; } = null!;

    public FakeBotConnector Connector { get; private set; } = null!;

    /// <summary>The channel's issuer (its OpenID metadata, JWKS and token endpoint) that every instance trusts.</summary>
    public FakeBotFrameworkIdentity Identity { get; private set; } = null!;

    /// <summary>The bot's app id (the audience of the channel's tokens).</summary>
    public const string AppId = "sosep-bot-app-id";

    /// <summary>The requester's API key (ana).</summary>
    public string ApiKey { get; private set; } = string.Empty;

    public string Helpdesk { get; } = NewAddress("mesa");

    public string DigestRecipient { get; } = NewAddress("director");

    public string StaffEmail { get; } = NewAddress("tecnica");

    /// <summary>Teams users (Entra object ids), one conversation each.</summary>
    public IReadOnlyList<string> TeamsUsers { get; } = Enumerable.Range(0, 4).Select(i => $"00000000-0000-0000-0000-0000000007{i:D2}").ToList();

    /// <summary>How long the three instances took to start together (and the proxy with them).</summary>
    public TimeSpan StartTime { get; private set; }

    public async Task InitializeAsync()
    {
        if (Unavailable is not null)
        {
            return;
        }

        Connector = await FakeBotConnector.StartAsync();
        Identity = await FakeBotFrameworkIdentity.StartAsync();
        Cluster = await InstanceCluster.CreateAsync(Count);
        _login = LoginTlsProxy.Start(Identity.BaseUrl, Path.Combine(Path.GetTempPath(), "sosepbot-login", Guid.NewGuid().ToString("N")));
        foreach (var instance in Cluster.Instances)
        {
            foreach (var (name, value) in _login.Environment)
            {
                instance.Environment[name] = value;
            }
        }

        var cli = Cluster.Instances[0];
        Check(await cli.CliAsync("people", "add", "--email", "ana@sosep.gob.gt", "--name", "Ana Pérez", "--unit", "Hogares Comunitarios"));
        Check(await cli.CliAsync("people", "add", "--email", StaffEmail, "--name", "Tita López", "--roles", "Technician"));
        Check(await cli.CliAsync("people", "add", "--email", DigestRecipient, "--name", "Director de Informática", "--roles", "ItDirector"));
        for (var i = 0; i < TeamsUsers.Count; i++)
        {
            Check(await cli.CliAsync("people", "add", "--email", $"teams{i}@sosep.gob.gt", "--name", $"Usuario Teams {i}", "--aad", TeamsUsers[i]));
        }

        var (exit, key) = await cli.CliOutputAsync("apikey", "issue", "--email", "ana@sosep.gob.gt");
        Check(exit);
        ApiKey = key;
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Cluster.StartAsync(
            "--Teams:AppId", AppId,
            "--Teams:AppPassword", "secreto-de-prueba",
            "--Teams:OpenIdMetadataUrl", Identity.MetadataUrl,
            "--Teams:ReplyEscrowDelay", "00:01:00",
            "--Teams:Retry:MaxRetryAfter", "00:00:05",
            "--Jobs:Delivery:Interval", "00:00:00.5",
            // A message claimed by an instance that is then killed comes back to the others when its lease ends (10 minutes
            // by default): short here, so the kill test's waits cover it (CI saw a mail's reply held by a dead claim).
            "--Outbox:Lease", "00:00:15",
            // Likewise a Teams conversation whose lease a killed instance held: the others take its stored activities when
            // the lease has expired (30 s by default, swept as often); 15 s, still longer than a turn may take (12 s).
            "--Teams:ConversationLease", "00:00:15",
            "--Jobs:SchedulePollingInterval", "00:00:01",
            "--Jobs:Digest:WeeklyCron", "*/5 * * * * *",
            "--Jobs:Digest:Recipients:0", DigestRecipient,
            "--Mailbox:Transport", "Imap",
            "--Mailbox:Address", Helpdesk,
            "--Mailbox:PollInterval", "00:00:02",
            "--Mailbox:AllowedDomains:0", MailDomain,
            "--Mailbox:MaxAutoRepliesPerDay", "1000",
            "--Mailbox:Imap:Host", "127.0.0.1",
            "--Mailbox:Imap:Port", ImapPort.ToString(CultureInfo.InvariantCulture),
            "--Mailbox:Imap:Security", "None",
            "--Mailbox:Imap:UserName", Helpdesk,
            "--Mailbox:Imap:Password", MailPassword,
            "--Mailbox:Smtp:Host", "127.0.0.1",
            "--Mailbox:Smtp:Port", SmtpPort.ToString(CultureInfo.InvariantCulture),
            "--Mailbox:Smtp:Security", "None");
        StartTime = started.Elapsed;

        void Check(int code) => Assert.True(code == 0, Cluster.Output);
    }

    public async Task DisposeAsync()
    {
        if (Unavailable is not null)
        {
            return;
        }

        await Cluster.DisposeAsync();
        await Connector.DisposeAsync();
        await _login!.DisposeAsync();
        await Identity.DisposeAsync();
    }

    /// <summary>A channel token for an activity to the bot, as the Bot Connector sends it.</summary>
    public string Token() => Identity.Token(AppId, Connector.ServiceUrl);

    public static string NewAddress(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..10]}@{MailDomain}";

    /// <summary>Sends one mail to the helpdesk through Postfix.</summary>
    public async Task SendMailAsync(string from, string subject)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(Helpdesk));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("cliente.test");
        message.Body = new TextPart("plain") { Text = "Buenos días, la computadora no enciende desde esta mañana." };
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync("127.0.0.1", SmtpPort, SecureSocketOptions.None);
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);
    }

    /// <summary>How many mails <paramref name="user"/>'s inbox holds.</summary>
    public static async Task<int> InboxCountAsync(string user) => (await InboxMessageIdsAsync(user)).Count;

    /// <summary>The Message-ID of every mail in the user's inbox, in arrival order.</summary>
    public static async Task<IReadOnlyList<string>> InboxMessageIdsAsync(string user)
    {
        using var imap = new ImapClient();
        await imap.ConnectAsync("127.0.0.1", ImapPort, SecureSocketOptions.None);
        await imap.AuthenticateAsync(user, MailPassword);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var ids = imap.Inbox.Count == 0 ? [] : (await imap.Inbox.FetchAsync(0, -1, MessageSummaryItems.Envelope)).Select(m => m.Envelope?.MessageId ?? "(sin Message-ID)").ToList();
        await imap.DisconnectAsync(true);
        return ids;
    }

    private static int Port(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 0;
}
