using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using SosepBot.Mailbox.Ingestion;
using SosepBot.TestKit;

namespace SosepBot.Mailbox.Tests;

/// <summary>Each mail's outcome is logged once, at Information, with a reason code, whichever path it took.</summary>
public sealed class MailOutcomeLogTests
{
    private const string Mailbox = "imap:helpdesk@sosep.test/INBOX";

    [Theory]
    [InlineData(100)] // one transaction for the whole group
    [InlineData(1)] // mail by mail
    public async Task Ingest_EveryOutcome_OneInformationLineWithItsReasonCode(int commitSize)
    {
        var logs = new CapturedLogs();
        var settings = MailEnvironment.Settings("helpdesk@sosep.test", "sosep.test");
        settings["Mailbox:Imap:Port"] = "143";
        settings["Mailbox:Smtp:Port"] = "25";
        await using var db = await TestDatabase.CreateAsync(settings, (s, c) =>
        {
            s.AddSosepMailbox(c);
            s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        });
        var first = Plain("ana@sosep.test", "La impresora no imprime", "Sale la hoja en blanco.");
        var autoReply = Plain("bob@sosep.test", "Fuera de la oficina", "Regreso el lunes.");
        autoReply.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        var noSender = new MimeMessage { Subject = "Sin remitente", Body = new TextPart("plain") { Text = "?" }, MessageId = "nosender@cliente.test" };
        noSender.To.Add(MailboxAddress.Parse("helpdesk@sosep.test"));
        IncomingMail[] mails =
        [
            Of("7:1", first),
            Of("7:2", first), // the same message under another identity
            Of("7:3", Plain("ana@sosep.test", "RE: [UI-2026-00001] La impresora no imprime", "Sigue igual.")),
            Of("7:4", autoReply),
            Of("7:5", Plain("externo@otro.test", "Necesito acceso", "Hola.")),
            Of("7:6", noSender),
        ];
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var logger = factory.CreateLogger("SosepBot.Mailbox.Imap.ImapMailboxSync");

        var reader = db.Services.GetRequiredService<MailReader>();
        await BatchIngestion.IngestAsync(db.Services.GetRequiredService<IServiceScopeFactory>(), Mailbox, reader.Read(Mailbox, mails), commitSize, logger, CancellationToken.None);
        await BatchIngestion.IngestAsync(db.Services.GetRequiredService<IServiceScopeFactory>(), Mailbox, reader.Read(Mailbox, mails[..1]), commitSize, logger, CancellationToken.None);

        var expected = new Dictionary<string, string>
        {
            ["7:1"] = "ticket-opened",
            ["7:2"] = "duplicate",
            ["7:3"] = "reply-threaded",
            ["7:4"] = "auto-reply-ignored:auto-submitted",
            ["7:5"] = "quarantined:domain",
            ["7:6"] = "no-sender",
        };
        var information = logs.From("SosepBot.").Where(e => e.Level >= LogLevel.Information).ToList();
        foreach (var (id, code) in expected)
        {
            var lines = information.Where(e => e["ExternalId"] as string == id).ToList();
            var line = Assert.Single(lines); // the second pass over 7:1 (recorded before) is not logged again at Information
            Assert.Equal(LogLevel.Information, line.Level);
            Assert.Equal(code, line["ReasonCode"]);
        }

        Assert.DoesNotContain(information, e => e.Message.Contains("@sosep.test", StringComparison.Ordinal) && !e.Message.Contains("helpdesk@", StringComparison.Ordinal));
    }

    private static MimeMessage Plain(string from, string subject, string text)
    {
        var m = MailEnvironment.Mail(from, "helpdesk@sosep.test", subject, text, null);
        m.MessageId = $"m{Guid.NewGuid():N}@cliente.test";
        return m;
    }

    private static IncomingMail Of(string id, MimeMessage message)
    {
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        return new IncomingMail(id, buffer.ToArray());
    }
}
