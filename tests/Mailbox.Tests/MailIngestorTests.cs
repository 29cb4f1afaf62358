using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SosepBot.Core.Mail;
using SosepBot.Mailbox.Ingestion;
using SosepBot.TestKit;

namespace SosepBot.Mailbox.Tests;

/// <summary>
/// The ingestor on a real database, fed raw mails directly (no mail server needed). A batch (one transaction, what the
/// database knows read once, new requests opened together) must decide exactly what the same mails decide as batches of one: the same mails, in the same order, on two fresh databases,
/// leave the same requests, records, comments, files, people and acknowledgements.
/// </summary>
public sealed class MailIngestorTests
{
    private const string Mailbox = "imap:helpdesk@sosep.test/INBOX";

    [Fact]
    public async Task IngestBatch_MixedMails_DecidesExactlyAsMailByMail()
    {
        var mails = Scenario();
        await using var one = await CreateAsync();
        await using var batch = await CreateAsync();
        // A request both databases know before the batch, for the reply to thread onto.
        await IngestOneByOneAsync(one, [mails[0]]);
        await IngestOneByOneAsync(batch, [mails[0]]);

        var byMail = await IngestOneByOneAsync(one, mails[1..]);
        var together = await batch.InScopeAsync(sp => sp.GetRequiredService<MailIngestor>().IngestBatchAsync(Mailbox, mails[1..], CancellationToken.None));

        Assert.Equal(Describe(byMail), Describe(together));
        Assert.Equal(await SnapshotAsync(one), await SnapshotAsync(batch));

        // And the decisions are the expected ones, not just equal.
        Assert.Equal(
            [
                "Request", "Comment", "Duplicate same-message", "Ignored auto-submitted", "Quarantined domain", "Request", "Request",
                "Request", "Request", "Request", "Request", "Ignored no-sender",
            ],
            together.Select(r => $"{r.Outcome} {r.Reason}".Trim()).ToArray());
        var snapshot = await SnapshotAsync(batch);
        Assert.Contains("ack dario@sosep.test", snapshot, StringComparison.Ordinal);
        Assert.Equal(2, snapshot.Split('\n').Count(l => l.StartsWith("ack dario@sosep.test", StringComparison.Ordinal)));
        Assert.Contains("attachments 1", snapshot, StringComparison.Ordinal);
        Assert.Contains("comments 1", snapshot, StringComparison.Ordinal);
        Assert.Contains("person carla@sosep.test", snapshot, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestBatch_MailsAlreadyRecorded_AreReportedAsProcessedAndNotRedone()
    {
        var mails = Scenario()[..3];
        await using var db = await CreateAsync();
        var first = await db.InScopeAsync(sp => sp.GetRequiredService<MailIngestor>().IngestBatchAsync(Mailbox, mails, CancellationToken.None));
        var before = await SnapshotAsync(db);

        var again = await db.InScopeAsync(sp => sp.GetRequiredService<MailIngestor>().IngestBatchAsync(Mailbox, mails, CancellationToken.None));

        Assert.All(again, r => Assert.True(r.AlreadyProcessed));
        Assert.Equal(first.Select(r => (r.Outcome, r.RequestNumber)), again.Select(r => (r.Outcome, r.RequestNumber)));
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Ingest_OutlookWinmailDat_StoresTheFileInsideWithTheRequest()
    {
        var pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"u8.ToArray();
        var message = MailEnvironment.Mail("fabiola@sosep.test", "helpdesk@sosep.test", "Formulario firmado", "Adjunto el formulario.", "Fabiola Ruiz");
        message.Body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "Adjunto el formulario." },
            new MimeKit.Tnef.TnefPart { FileName = "winmail.dat", Content = new MimeContent(new MemoryStream(TnefFile.WithAttachment("formulario.pdf", pdf))) },
        };
        using var raw = new MemoryStream();
        message.WriteTo(raw);
        await using var db = await CreateAsync();

        var result = await db.InScopeAsync(sp => sp.GetRequiredService<MailIngestor>().IngestAsync(Mailbox, "7:1", raw.ToArray(), CancellationToken.None));

        Assert.Equal(MailOutcome.Request, result.Outcome);
        var files = await db.InScopeAsync(sp => sp.GetRequiredService<Core.Persistence.SosepDbContext>().Attachments.AsNoTracking().ToListAsync());
        var ack = await db.InScopeAsync(sp => sp.GetRequiredService<Core.Persistence.SosepDbContext>().OutboxMessages.AsNoTracking().Select(m => m.Text).FirstAsync());
        Assert.True(files.Count == 1, ack);
        var file = files[0];
        Assert.Equal("formulario.pdf", file.FileName);
        Assert.Equal(pdf.Length, file.Size);
    }

    [Fact]
    public async Task Ingest_ReplyWithRefusedFile_KeepsTheReplyAndTellsTheSenderWhichFile()
    {
        await using var db = await CreateAsync();
        var first = MailEnvironment.Mail("gloria@sosep.test", "helpdesk@sosep.test", "No hay red en bodega", "Desde la mañana.", "Gloria Méndez");
        var opened = await IngestAsync(db, "7:1", first);
        var reply = MailEnvironment.Mail("gloria@sosep.test", "helpdesk@sosep.test", $"RE: [{opened.RequestNumber}] No hay red en bodega", "Adjunto el programa que me pidieron.", "Gloria Méndez");
        var builder = new BodyBuilder { TextBody = "Adjunto el programa que me pidieron." };
        builder.Attachments.Add("instalador.exe", "MZ\u0090\0\u0003"u8.ToArray(), new ContentType("application", "x-msdownload"));
        reply.Body = builder.ToMessageBody();

        var result = await IngestAsync(db, "7:2", reply);

        Assert.Equal(MailOutcome.Comment, result.Outcome);
        var (comments, files, notices) = await db.InScopeAsync(async sp =>
        {
            var d = sp.GetRequiredService<Core.Persistence.SosepDbContext>();
            return (await d.Comments.CountAsync(), await d.Attachments.CountAsync(),
                await d.OutboxMessages.AsNoTracking().Where(m => m.Kind == MailKinds.RefusedFiles).ToListAsync());
        });
        Assert.Equal(1, comments);
        Assert.Equal(0, files);
        var notice = Assert.Single(notices);
        Assert.Equal("gloria@sosep.test", notice.Recipient);
        Assert.Equal(opened.RequestNumber, notice.RequestNumber);
        Assert.Contains("instalador.exe", notice.Text, StringComparison.Ordinal);
        Assert.Contains(reply.MessageId!, notice.Payload, StringComparison.Ordinal);

        // Redelivered, the same reply does nothing more.
        Assert.True((await IngestAsync(db, "7:2", reply)).AlreadyProcessed);
        Assert.Equal(1, await db.InScopeAsync(sp => sp.GetRequiredService<Core.Persistence.SosepDbContext>().OutboxMessages.CountAsync(m => m.Kind == MailKinds.RefusedFiles)));
    }

    [Fact]
    public async Task Ingest_NewMail_RoutedByTheSendersUnitKind()
    {
        await using var db = await CreateAsync();
        await db.UnitAsync("Sede Petén", Core.Units.UnitKind.SedeDepartamental, "Petén");
        await db.UnitAsync("Dirección Financiera");
        await db.InScopeAsync(async sp =>
        {
            var people = sp.GetRequiredService<Core.People.PeopleService>();
            await people.UpsertAsync(new Core.People.PersonInput { Email = "sara@sosep.test", DisplayName = "Sara Sede", Unit = "sede peten" }, CancellationToken.None);
            // Marked as a departmental site by hand, but their unit is a central office: the unit decides.
            return await people.UpsertAsync(new Core.People.PersonInput { Email = "carlos@sosep.test", DisplayName = "Carlos", Unit = "Dirección Financiera", IsDepartmentalSite = true }, CancellationToken.None);
        });

        var site = await IngestAsync(db, "7:1", MailEnvironment.Mail("sara@sosep.test", "helpdesk@sosep.test", "No hay internet en la sede", "Desde ayer.", "Sara Sede"));
        var central = await IngestAsync(db, "7:2", MailEnvironment.Mail("carlos@sosep.test", "helpdesk@sosep.test", "No imprime", "La impresora.", "Carlos"));

        var codes = await db.InScopeAsync(sp => sp.GetRequiredService<Core.Persistence.SosepDbContext>().Requests.AsNoTracking()
            .Where(r => r.Number == site.RequestNumber || r.Number == central.RequestNumber).OrderBy(r => r.Id).Select(r => r.ProcedureCode).ToListAsync());
        Assert.Equal(["DS-UI-06", "DS-UI-04"], codes);
    }

    private static Task<IngestResult> IngestAsync(TestDatabase db, string externalId, MimeMessage message)
    {
        using var raw = new MemoryStream();
        message.WriteTo(raw);
        var bytes = raw.ToArray();
        return db.InScopeAsync(sp => sp.GetRequiredService<MailIngestor>().IngestAsync(Mailbox, externalId, bytes, CancellationToken.None));
    }

    private static async Task<TestDatabase> CreateAsync()
    {
        var settings = MailEnvironment.Settings("helpdesk@sosep.test", "sosep.test");
        settings["Mailbox:Imap:Port"] = "143";
        settings["Mailbox:Smtp:Port"] = "25";
        settings["Mailbox:MaxAutoRepliesPerDay"] = "2";
        settings["Mailbox:SubjectProcedures:usuario de correo"] = "DS-UI-07";
        return await TestDatabase.CreateAsync(settings, (s, c) => s.AddSosepMailbox(c));
    }

    private static async Task<List<IngestResult>> IngestOneByOneAsync(TestDatabase db, IEnumerable<IncomingMail> mails)
    {
        var results = new List<IngestResult>();
        foreach (var mail in mails)
        {
            results.Add(await db.InScopeAsync(sp => sp.GetRequiredService<MailIngestor>().IngestAsync(Mailbox, mail.ExternalId, mail.Raw, CancellationToken.None)));
        }

        return results;
    }

    private static string[] Describe(IEnumerable<IngestResult> results) =>
        results.Select(r => $"{r.Outcome} {r.Reason} {r.RequestNumber} {r.AlreadyProcessed}").ToArray();

    /// <summary>Everything the mails left in the database, ids left out (they are allocated alike but need not be).</summary>
    private static Task<string> SnapshotAsync(TestDatabase db) => db.InScopeAsync(async sp =>
    {
        var d = sp.GetRequiredService<Core.Persistence.SosepDbContext>();
        var numbers = await d.Requests.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Number);
        var lines = new List<string>();
        lines.AddRange(await d.Requests.AsNoTracking().Include(r => r.Requester).OrderBy(r => r.Number)
            .Select(r => $"request {r.Number} {r.ProcedureCode} {r.State} {r.Title} {r.Requester!.Email} {r.OpenedVia} {r.Description}").ToListAsync());
        lines.AddRange((await d.MailRecords.AsNoTracking().OrderBy(r => r.ExternalId).ToListAsync())
            .Select(r => $"record {r.ExternalId} {r.Outcome} {r.Reason} {r.MessageId} {r.FromAddress} {r.Subject} {(r.RequestId is { } id ? numbers[id] : "-")}"));
        lines.AddRange((await d.OutboxMessages.AsNoTracking().Where(m => m.Kind == MailKinds.Acknowledgement).OrderBy(m => m.RequestNumber).ToListAsync())
            .Select(m => $"ack {m.Recipient} {m.RequestNumber} {(m.RequestId is { } id ? numbers[id] : "-")} {m.Subject} {m.DedupKey} {m.ProviderId} {m.Payload} {m.Text}"));
        lines.AddRange(await d.People.AsNoTracking().Include(p => p.Roles).OrderBy(p => p.Email)
            .Select(p => $"person {p.Email} {p.DisplayName} {p.IsActive} {p.Roles.Count}").ToListAsync());
        lines.AddRange((await d.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync())
            .Select(a => $"audit {numbers[a.RequestId]} {a.Kind} {a.Action} {a.ToState} {a.ActorName} {a.Channel} {a.Detail}"));
        lines.AddRange((await d.RequestEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync())
            .Select(e => $"event {numbers[e.RequestId]} {e.Kind} {e.ToState}"));
        lines.AddRange((await d.QuarantinedMails.AsNoTracking().ToListAsync()).Select(q => $"quarantine {q.FromAddress} {q.Reason} {q.Subject}"));
        lines.Add($"comments {await d.Comments.CountAsync()}");
        lines.Add($"attachments {await d.Attachments.CountAsync()}");
        lines.Add($"counters {string.Join(",", await d.RequestCounters.AsNoTracking().Select(c => $"{c.Year}:{c.Last}").ToListAsync())}");
        return string.Join("\n", lines);
    });

    private static List<IncomingMail> Scenario()
    {
        static IncomingMail Of(int uid, MimeMessage message)
        {
            using var buffer = new MemoryStream();
            message.WriteTo(buffer);
            return new IncomingMail($"7:{uid}", buffer.ToArray());
        }

        static MimeMessage Plain(string from, string subject, string text, string? name = null)
        {
            var m = MailEnvironment.Mail(from, "helpdesk@sosep.test", subject, text, name);
            m.MessageId = $"m{Guid.NewGuid():N}@cliente.test";
            return m;
        }

        var first = Plain("ana@sosep.test", "La impresora no imprime", "Sale la hoja en blanco.", "Ana López");
        var again = Plain("ana@sosep.test", "Sin tóner en recepción", "Por favor traer tóner.", "Ana López");
        var autoReply = Plain("bob@sosep.test", "Consulta", "Regla automática.");
        autoReply.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        var withFile = Plain("carla@sosep.test", "Pantalla rota", "Adjunto el informe.", "Carla Pérez");
        var body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "Adjunto el informe." },
            new MimePart("application", "pdf") { FileName = "informe.pdf", Content = new MimeContent(new MemoryStream("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"u8.ToArray())) },
        };
        withFile.Body = body;
        var noSender = new MimeMessage { Subject = "Sin remitente", Body = new TextPart("plain") { Text = "?" } };
        noSender.To.Add(MailboxAddress.Parse("helpdesk@sosep.test"));
        noSender.MessageId = "nosender@cliente.test";
        return
        [
            Of(1, first),
            Of(2, again),
            Of(3, Plain("ana@sosep.test", "RE: [UI-2026-00001] La impresora no imprime", "Ya la reinicié y sigue igual.\n\nEl lunes, Mesa de ayuda escribió:\n> Recibimos su solicitud", "Ana López")),
            Of(4, again),
            Of(5, autoReply),
            Of(6, Plain("externo@otro.test", "Necesito acceso", "Hola.")),
            Of(7, Plain("carla@sosep.test", "El monitor parpadea", "Desde ayer.", "Carla Pérez")),
            Of(8, withFile),
            Of(9, Plain("dario@sosep.test", "Teclado 1", "Falla la tecla ñ.")),
            Of(10, Plain("dario@sosep.test", "Teclado 2", "Falla la tecla ñ otra vez.")),
            Of(11, Plain("dario@sosep.test", "Teclado 3", "Y otra.")),
            Of(12, Plain("elena@sosep.test", "Crear usuario de correo", "Para la nueva asistente.")),
            Of(13, noSender),
        ];
    }
}
