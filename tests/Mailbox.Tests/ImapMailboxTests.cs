using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SosepBot.Core.Mail;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Mailbox.Quarantine;

namespace SosepBot.Mailbox.Tests;

/// <summary>Real mail: sent through Postfix, read from Dovecot by the IMAP transport, answered through SMTP.</summary>
public sealed class ImapMailboxTests
{
    [SkippableFact]
    public async Task Sync_NewMail_OpensRequestAndAcknowledgesWithNumber()
    {
        MailEnvironment.SkipUnlessConfigured();
        await using var h = await MailHarness.CreateAsync();
        var ana = MailEnvironment.NewAddress("ana");
        var original = MailEnvironment.Mail(ana, h.Helpdesk, "Mi impresora no imprime", "Desde ayer la impresora HP del tercer nivel no imprime.", "Ana Pérez");
        await MailEnvironment.SendAsync(original);
        await MailEnvironment.WaitForInboxAsync(h.Helpdesk, 1);

        Assert.Equal(1, await h.SyncAsync());

        var request = Assert.Single(await h.RequestsAsync());
        Assert.Equal("DS-UI-04", request.ProcedureCode);
        Assert.Equal("Mi impresora no imprime", request.Title);
        Assert.Equal(Channel.Mail, request.OpenedVia);
        Assert.Equal(ana, request.Requester!.Email);
        Assert.Equal("Ana Pérez", request.Requester.DisplayName);
        Assert.Contains("tercer nivel", request.Description, StringComparison.Ordinal);

        Assert.True(await h.NotifyAndDeliverAsync() >= 1);
        var ack = Assert.Single(await MailEnvironment.WaitForInboxAsync(ana, 1));
        Assert.Contains($"[{request.Number}]", ack.Subject, StringComparison.Ordinal);
        Assert.Equal("auto-replied", ack.Headers[HeaderId.AutoSubmitted]);
        Assert.Equal(original.MessageId, ack.InReplyTo);
        Assert.Contains(request.Number, ack.TextBody, StringComparison.Ordinal);
        Assert.Contains("Recibimos su solicitud", ack.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>", ack.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", ack.HtmlBody, StringComparison.OrdinalIgnoreCase);
        var stored = Assert.Single(await h.OutboxAsync(), m => m.Kind == "acuse");
        Assert.Equal(ack.MessageId, stored.ProviderId);

        var folders = await MailEnvironment.FolderCountsAsync(h.Helpdesk);
        Assert.Equal(0, folders["INBOX"]);
        Assert.Equal(1, folders["Procesados"]);
    }

    [SkippableFact]
    public async Task Sync_ReplyToAcknowledgement_ThreadsOntoRequestWithoutQuotedHistory()
    {
        MailEnvironment.SkipUnlessConfigured();
        await using var h = await MailHarness.CreateAsync();
        var ana = MailEnvironment.NewAddress("ana");
        await MailEnvironment.SendAsync(MailEnvironment.Mail(ana, h.Helpdesk, "No tengo internet", "Sin conexión en la oficina."));
        await MailEnvironment.WaitForInboxAsync(h.Helpdesk, 1);
        await h.SyncAsync();
        await h.NotifyAndDeliverAsync();
        var ack = Assert.Single(await MailEnvironment.WaitForInboxAsync(ana, 1));

        // Outlook-style reply: "RE: RV:" prefixes, In-Reply-To, and the quoted acknowledgement below "De: … Enviado:".
        var reply = MailEnvironment.Mail(ana, h.Helpdesk, "RE: RV: " + ack.Subject,
            "Ya reinicié el router y sigue igual.\n\nDe: Mesa de ayuda <" + h.Helpdesk + ">\nEnviado: lunes, 2 de marzo de 2026 09:00\nPara: Ana\nAsunto: " + ack.Subject + "\n\n" + ack.TextBody);
        reply.InReplyTo = ack.MessageId;
        reply.References.Add(ack.MessageId!);
        // A second reply that kept only the thread headers (the subject was rewritten): Gmail's "El … escribió:".
        var second = MailEnvironment.Mail(ana, h.Helpdesk, "otra cosa", "También falla el teléfono.\n\nEl lun, 2 mar 2026 a las 9:00, Mesa de ayuda <" + h.Helpdesk + ">\nescribió:\n> Recibimos su solicitud");
        second.InReplyTo = ack.MessageId;
        await MailEnvironment.SendAsync(reply, second);
        await MailEnvironment.WaitForInboxAsync(h.Helpdesk, 2);

        Assert.Equal(2, await h.SyncAsync());

        var request = Assert.Single(await h.RequestsAsync());
        var comments = await h.QueryAsync(d => d.Comments.AsNoTracking().Where(c => c.RequestId == request.Id).OrderBy(c => c.Id).Select(c => c.Text).ToListAsync());
        // Postfix may deliver the two in either order.
        Assert.Equal(["También falla el teléfono.", "Ya reinicié el router y sigue igual."], comments.Order(StringComparer.Ordinal));
        Assert.Single(await h.OutboxAsync(), m => m.Kind == "acuse"); // replies get no acknowledgement
    }

    [SkippableFact]
    public async Task Sync_NumberInSubjectFromSomebodyNotTakingPart_OpensNewRequest()
    {
        MailEnvironment.SkipUnlessConfigured();
        await using var h = await MailHarness.CreateAsync();
        var ana = MailEnvironment.NewAddress("ana");
        var luis = MailEnvironment.NewAddress("luis");
        await MailEnvironment.SendAsync(MailEnvironment.Mail(ana, h.Helpdesk, "Monitor dañado", "No enciende."));
        await MailEnvironment.WaitForInboxAsync(h.Helpdesk, 1);
        await h.SyncAsync();
        var first = Assert.Single(await h.RequestsAsync());

        await MailEnvironment.SendAsync(MailEnvironment.Mail(luis, h.Helpdesk, $"RE: [{first.Number}] Monitor dañado", "Yo también tengo ese problema."));
        await MailEnvironment.WaitForInboxAsync(h.Helpdesk, 1);
        await h.SyncAsync();

        var all = await h.RequestsAsync();
        Assert.Equal(2, all.Count);
        Assert.Equal(luis, all[1].Requester!.Email);
        Assert.Equal("Monitor dañado", all[1].Title);
        Assert.Equal(0, await h.QueryAsync(d => d.Comments.CountAsync()));
    }

    [SkippableFact]
    public async Task Notify_StateChanges_ReachRequesterByMailAndReplyAnswersQuestion()
    {
        MailEnvironment.SkipUnlessConfigured();
        await using var h = await MailHarness.CreateAsync();
        var ana = MailEnvironment.NewAddress("ana");
        await MailEnvironment.SendAsync(MailEnvironment.Mail(ana, h.Helpdesk, "Correo no sincroniza", "Outlook no descarga correos."));
        await MailEnvironment.WaitForInboxAsync(h.Helpdesk, 1);
        await h.SyncAsync();
        await h.NotifyAndDeliverAsync();
        await MailEnvironment.WaitForInboxAsync(ana, 1);
        var number = Assert.Single(await h.RequestsAsync()).Number;
        var technician = await h.Db.PersonAsync("Tito López", Role.Technician);

        await h.Db.Requests(r => r.Actions.FireAsync(technician, number, "tomar", ActionInput.None, CancellationToken.None));
        await h.Db.Requests(r => r.Actions.FireAsync(technician, number, "solicitar-informacion", new ActionInput { Text = "¿Qué versión de Outlook usa?" }, CancellationToken.None));
        await h.NotifyAndDeliverAsync();

        var inbox = await MailEnvironment.WaitForInboxAsync(ana, 3);
        Assert.Equal(3, inbox.Count);
        var question = Assert.Single(inbox, m => m.Subject!.Contains("Necesitamos su respuesta", StringComparison.Ordinal));
        Assert.Contains($"[{number}]", question.Subject, StringComparison.Ordinal);
        Assert.Contains("¿Qué versión de Outlook usa?", question.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html", question.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("auto-generated", question.Headers[HeaderId.AutoSubmitted]);
        Assert.Single(inbox, m => m.Subject!.Contains("«En atención»", StringComparison.Ordinal));

        var answer = MailEnvironment.Mail(ana, h.Helpdesk, "RE: " + question.Subject, "Outlook 2019.");
        answer.InReplyTo = question.MessageId;
        await MailEnvironment.SendAsync(answer);
        await MailEnvironment.WaitForInboxAsync(h.Helpdesk, 1);
        await h.SyncAsync();

        var request = Assert.Single(await h.RequestsAsync());
        Assert.Equal("En atención", request.State);
        var history = await h.QueryAsync(d => d.AuditEntries.AsNoTracking().Where(a => a.RequestId == request.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal("responder", history[^1]);
    }

    [SkippableFact]
    public async Task Sync_AutomaticMail_OpensNothingAndGetsNoAnswer()
    {
        MailEnvironment.SkipUnlessConfigured();
        await using var h = await MailHarness.CreateAsync();
        var ana = MailEnvironment.NewAddress("ana");
        var outOfOffice = MailEnvironment.Mail(ana, h.Helpdesk, "Respuesta automática: Fuera de la oficina", "Estaré de vacaciones hasta el lunes.");
        var autoSubmitted = MailEnvironment.Mail(ana, h.Helpdesk, "Consulta", "Mensaje generado por una regla.");
        autoSubmitted.Headers.Add(HeaderId.AutoSubmitted, "auto-generated");
        var list = MailEnvironment.Mail(ana, h.Helpdesk, "Boletín semanal", "Noticias.");
        list.Headers.Add(HeaderId.ListId, "<boletin.sosep.test>");
        list.Headers.Add("Precedence", "bulk");
        var bounce = new MimeMessage();
        bounce.From.Add(new MailboxAddress("Mail Delivery System", $"MAILER-DAEMON@{MailEnvironment.Domain}"));
        bounce.To.Add(MailboxAddress.Parse(h.Helpdesk));
        bounce.Subject = "Undelivered Mail Returned to Sender";
        var report = new MultipartReport("delivery-status") { new TextPart("plain") { Text = "No se pudo entregar." } };
        report.Add(new MimePart("message", "delivery-status") { Content = new MimeContent(new MemoryStream("Reporting-MTA: dns; mail\r\n"u8.ToArray())) });
        bounce.Body = report;
        var english = MailEnvironment.Mail(ana, h.Helpdesk, "Automatic reply: Printer", "I am out of the office.");
        english.Headers.Add("X-Auto-Response-Suppress", "All");
        await MailEnvironment.SendAsync(outOfOffice, autoSubmitted, list, bounce, english);
        await MailEnvironment.WaitForInboxAsync(h.Helpdesk, 5);

        Assert.Equal(5, await h.SyncAsync());
        await h.NotifyAndDeliverAsync();

        Assert.Empty(await h.RequestsAsync());
        Assert.Empty(await h.OutboxAsync());
        var reasons = await h.QueryAsync(d => d.MailRecords.AsNoTracking().Select(r => new { r.Outcome, r.Reason }).ToListAsync());
        Assert.All(reasons, r => Assert.Equal(MailOutcome.Ignored, r.Outcome));
        Assert.Equal(["auto-response-suppress", "auto-subject", "auto-submitted", "precedence", "report"], reasons.Select(r => r.Reason!).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(5, (await MailEnvironment.FolderCountsAsync(h.Helpdesk))["Ignorados"]);
        await Task.Delay(300);
        Assert.Empty(await MailEnvironment.WaitForInboxAsync(ana, 1, TimeSpan.FromMilliseconds(500)));
    }

    [SkippableFact]
    public async Task Sync_SenderOutsideAllowedDomains_IsQuarantinedAndStaffReleaseOrDiscard()
    {
        MailEnvironment.SkipUnlessConfigured();
        await using var h = await MailHarness.CreateAsync();
        var stranger = MailEnvironment.NewAddress("ana", "otro.test");
        await MailEnvironment.SendAsync(
            MailEnvironment.Mail(stranger, h.Helpdesk, "Solicitud de soporte", "Necesito ayuda."),
            MailEnvironment.Mail(stranger, h.Helpdesk, "Oferta comercial", "Compre ya."));
        await MailEnvironment.WaitForInboxAsync(h.Helpdesk, 2);

        Assert.Equal(2, await h.SyncAsync());
        await h.NotifyAndDeliverAsync();
        Assert.Empty(await h.RequestsAsync());
        Assert.Empty(await h.OutboxAsync());
        Assert.Equal(2, (await MailEnvironment.FolderCountsAsync(h.Helpdesk))["Cuarentena"]);

        var staff = await h.Db.PersonAsync("Rosa Díaz", Role.InfraHead);
        var user = await h.Db.PersonAsync("Usuario Común");
        var held = await h.Db.InScopeAsync(sp => sp.GetRequiredService<QuarantineService>().ListAsync(staff, QuarantineStatus.Held, CancellationToken.None));
        Assert.Equal(2, held.Count);
        Assert.All(held, q => Assert.Equal("domain", q.Reason));
        Assert.All(held, q => Assert.Equal(stranger, q.From));
        var refused = await Assert.ThrowsAsync<Core.Errors.DomainException>(() =>
            h.Db.InScopeAsync(sp => sp.GetRequiredService<QuarantineService>().ListAsync(user, null, CancellationToken.None)));
        Assert.Equal(Core.Errors.ErrorKind.Forbidden, refused.Kind);

        var support = held.Single(q => q.Subject == "Solicitud de soporte");
        var released = await h.Db.InScopeAsync(sp => sp.GetRequiredService<QuarantineService>().ReleaseAsync(staff, support.Id, CancellationToken.None));
        var offer = held.Single(q => q.Subject == "Oferta comercial");
        await h.Db.InScopeAsync(sp => sp.GetRequiredService<QuarantineService>().DiscardAsync(staff, offer.Id, CancellationToken.None));
        var again = await Assert.ThrowsAsync<Core.Errors.DomainException>(() =>
            h.Db.InScopeAsync(sp => sp.GetRequiredService<QuarantineService>().ReleaseAsync(staff, support.Id, CancellationToken.None)));
        Assert.Equal(Core.Errors.ErrorKind.InvalidState, again.Kind);

        var request = Assert.Single(await h.RequestsAsync());
        Assert.Equal(request.Number, released.RequestNumber);
        Assert.Equal(stranger, request.Requester!.Email);
        await h.NotifyAndDeliverAsync();
        Assert.Contains(request.Number, Assert.Single(await MailEnvironment.WaitForInboxAsync(stranger, 1)).Subject, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Sync_TwoInstancesOnSameInbox_EachMailBecomesOneRequest()
    {
        MailEnvironment.SkipUnlessConfigured();
        await using var h = await MailHarness.CreateAsync();
        var ana = MailEnvironment.NewAddress("ana");
        var mails = Enumerable.Range(1, 30).Select(i => MailEnvironment.Mail(ana, h.Helpdesk, $"Problema {i}", $"Detalle {i}")).ToArray();
        await MailEnvironment.SendAsync(mails);
        await MailEnvironment.WaitForInboxAsync(h.Helpdesk, 30);

        // Two watchers (two clients, two scopes) race over the same messages; a third pass finds nothing new.
        var passes = await Task.WhenAll(Task.Run(h.SyncAsync), Task.Run(h.SyncAsync));
        var third = await h.SyncAsync();

        var requests = await h.RequestsAsync();
        Assert.Equal(30, requests.Count);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"Problema {i}").Order(), requests.Select(r => r.Title).Order());
        Assert.Equal(30, passes.Sum());
        Assert.Equal(0, third);
        // One sender wrote 30 mails in a day: acknowledgements stop at the daily cap (10 by default).
        Assert.Equal(10, (await h.OutboxAsync()).Count(m => m.Kind == "acuse"));
    }
}
