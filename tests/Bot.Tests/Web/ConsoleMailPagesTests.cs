using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Mail;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using static SosepBot.Bot.Tests.Web.ConsolePagesTests;

namespace SosepBot.Bot.Tests.Web;

/// <summary>«Correo en cuarentena» (discard) and «Avisos no entregados» (discard): IT staff only, Core's refusals shown in Spanish.</summary>
public sealed class ConsoleMailPagesTests
{
    [Fact]
    public async Task Cuarentena_StaffDiscardsHeldMail_OnceAndPlainUserGets403()
    {
        await using var factory = new SosepApiFactory();
        var id = await HeldMailAsync(factory);
        using var jefe = await SignedInAsync(factory, "Rosa Díaz", Role.InfraHead);
        using var ana = await SignedInAsync(factory, "Ana Pérez");
        var page = await jefe.GetStringAsync(new Uri("/cuarentena", UriKind.Relative));
        var home = await jefe.GetStringAsync(new Uri("/", UriKind.Relative));

        var discarded = await PostAsync(jefe, "/cuarentena?handler=Descartar", page, id);
        var again = await PostAsync(jefe, "/cuarentena?handler=Descartar", page, id);
        var refused = await ana.GetAsync(new Uri("/cuarentena", UriKind.Relative));

        Assert.Contains("Oferta increíble", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/cuarentena\"", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, discarded.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("role=\"alert\"", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(QuarantineStatus.Discarded, (await scope.ServiceProvider.GetRequiredService<SosepDbContext>().QuarantinedMails.SingleAsync(q => q.Id == id)).Status);
    }

    [Fact]
    public async Task Avisos_DiscardDeadLetter_LeavesTheQueueAndCannotBeRetriedAfter()
    {
        await using var factory = new SosepApiFactory();
        var id = await DeadLetterAsync(factory);
        using var jefe = await SignedInAsync(factory, "Rosa Díaz", Role.InfraHead);
        var page = await jefe.GetStringAsync(new Uri("/avisos", UriKind.Relative));

        var discarded = await PostAsync(jefe, "/avisos?handler=Descartar", page, id);
        var after = await jefe.GetStringAsync(new Uri("/avisos", UriKind.Relative));
        var retried = await PostAsync(jefe, "/avisos?handler=Reintentar", page, id);

        Assert.Contains($"Descartar el aviso {id}", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, discarded.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, retried.StatusCode);
        Assert.Contains("descartado", await retried.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains($"Se descartó el aviso {id}", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"Reintentar el aviso {id}", after, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(OutboxStatus.Discarded, (await scope.ServiceProvider.GetRequiredService<SosepDbContext>().OutboxMessages.SingleAsync(m => m.Id == id)).Status);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string page, long id) =>
        client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(
            [new("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("__RequestVerificationToken", LoginLinkTests.AntiforgeryToken(page))]));

    private static async Task<long> HeldMailAsync(SosepApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
        var now = factory.Time.GetUtcNow();
        var record = new MailRecord { Mailbox = "mesa", ExternalId = "1", Sha256 = new string('0', 64), Outcome = MailOutcome.Quarantined, FromAddress = "x@ejemplo.com", ProcessedAt = now };
        db.MailRecords.Add(record);
        await db.SaveChangesAsync();
        var held = new QuarantinedMail { MailRecordId = record.Id, Reason = "domain", FromAddress = "x@ejemplo.com", Subject = "Oferta increíble", Raw = [1, 2, 3], ReceivedAt = now };
        db.QuarantinedMails.Add(held);
        await db.SaveChangesAsync();
        return held.Id;
    }

    private static async Task<long> DeadLetterAsync(SosepApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
        var now = factory.Time.GetUtcNow();
        var message = new OutboxMessage
        {
            Channel = OutboxChannel.Mail, DedupKey = "prueba-descartar", Kind = "estado", Recipient = "ana@sosep.gob.gt",
            Subject = "[UI-2026-00001] Su solicitud está en «Resuelto»", Text = "Hola, Ana", Status = OutboxStatus.DeadLettered,
            Attempts = 1, LastError = "550 buzón inexistente", CreatedAt = now, NextAttemptAt = now, LastAttemptAt = now,
        };
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }
}
