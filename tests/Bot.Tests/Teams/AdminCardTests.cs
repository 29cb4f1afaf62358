using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Bot.Tests.Fakes;
using SosepBot.Core.Mail;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Mailbox.Ingestion;

namespace SosepBot.Bot.Tests.Teams;

/// <summary>
/// IT staff's housekeeping in Teams: the mail held in quarantine (release, discard) and the notices that could not be
/// delivered (retry) — through the same Core services as the API, with the same refusals for everybody else.
/// </summary>
public sealed class AdminCardTests : IAsyncLifetime
{
    private const string Ana = "aad-ana-admin";
    private const string Rosa = "aad-rosa-admin";
    private TeamsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await TeamsHost.StartAsync();
        await _host.PersonAsync("Ana Pérez", Ana);
        await _host.PersonAsync("Rosa Díaz", Rosa, Role.InfraHead);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Quarantine_StaffReleasesAMail_ItBecomesARequestAndLeavesTheList()
    {
        await HoldAsync("carlos@proveedor.com", "La impresora del tercer nivel no imprime", "mail-1");
        await HoldAsync("spam@desconocido.com", "Oferta imperdible", "mail-2");

        var list = await _host.InvokeAsync(_host.Execute(Rosa, "cuarentena", []));
        var json = list.ToJsonString(ConnectorCall.Readable);
        Assert.Contains("2 correos retenidos", json, StringComparison.Ordinal);
        Assert.Contains("carlos@proveedor.com", json, StringComparison.Ordinal);
        Assert.Contains("El remitente no pertenece a un dominio autorizado.", json, StringComparison.Ordinal);

        var carlos = await _host.DbAsync(db => db.QuarantinedMails.Where(q => q.FromAddress == "carlos@proveedor.com").Select(q => q.Id).SingleAsync());
        var released = (await _host.InvokeAsync(_host.Execute(Rosa, "liberarCorreo", new JsonObject { ["id"] = carlos }))).ToJsonString(ConnectorCall.Readable);

        var number = await _host.DbAsync(db => db.Requests.Select(r => r.Number).SingleAsync());
        Assert.Contains($"Correo de carlos@proveedor.com liberado: quedó en la solicitud {number}.", released, StringComparison.Ordinal);
        Assert.Contains("1 correo retenido", released, StringComparison.Ordinal);
        Assert.DoesNotContain("\"value\":\"carlos@proveedor.com\"", released, StringComparison.Ordinal); // no longer listed
        Assert.Equal("La impresora del tercer nivel no imprime", await _host.DbAsync(db => db.Requests.Select(r => r.Title).SingleAsync()));

        var spam = await _host.DbAsync(db => db.QuarantinedMails.Where(q => q.FromAddress == "spam@desconocido.com").Select(q => q.Id).SingleAsync());
        var discarded = (await _host.InvokeAsync(_host.Execute(Rosa, "descartarCorreo", new JsonObject { ["id"] = spam }))).ToJsonString(ConnectorCall.Readable);
        Assert.Contains("Correo de spam@desconocido.com descartado.", discarded, StringComparison.Ordinal);
        Assert.Contains("No hay correo retenido.", discarded, StringComparison.Ordinal);
        Assert.Equal(1, await _host.DbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task Quarantine_PlainUser_NoButtonAndRefusedInSpanishAndNothingChanges()
    {
        await HoldAsync("carlos@proveedor.com", "Consulta", "mail-3");
        var id = await _host.DbAsync(db => db.QuarantinedMails.Select(q => q.Id).SingleAsync());

        var menu = (await _host.InvokeAsync(_host.Execute(Ana, "menu", []))).ToJsonString(ConnectorCall.Readable);
        var list = (await _host.InvokeAsync(_host.Execute(Ana, "cuarentena", []))).ToJsonString(ConnectorCall.Readable);
        var forged = (await _host.InvokeAsync(_host.Execute(Ana, "liberarCorreo", new JsonObject { ["id"] = id }))).ToJsonString(ConnectorCall.Readable);

        Assert.DoesNotContain("Correo en cuarentena", menu, StringComparison.Ordinal);
        Assert.Contains("personal de la Unidad de Informática", list, StringComparison.Ordinal);
        Assert.DoesNotContain("carlos@proveedor.com", list, StringComparison.Ordinal);
        Assert.Contains("personal de la Unidad de Informática", forged, StringComparison.Ordinal);
        Assert.Equal(QuarantineStatus.Held, await _host.DbAsync(db => db.QuarantinedMails.Select(q => q.Status).SingleAsync()));
        Assert.Equal(0, await _host.DbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task DeadLetters_StaffTypesTheCommandAndRetries_TheNoticeIsQueuedAgain()
    {
        var id = await _host.DbAsync(async db =>
        {
            var dead = new OutboxMessage
            {
                Channel = OutboxChannel.Mail, DedupKey = "prueba-perdida", Kind = "estado", Recipient = "ana@sosep.gob.gt",
                RequestNumber = "UI-2026-00007", Subject = "[UI-2026-00007] Su solicitud está en «Resuelto»", Text = "…",
                Status = OutboxStatus.DeadLettered, Attempts = 8, LastError = "550 buzón lleno",
                CreatedAt = DateTimeOffset.UtcNow, NextAttemptAt = DateTimeOffset.UtcNow, LastAttemptAt = DateTimeOffset.UtcNow,
            };
            db.OutboxMessages.Add(dead);
            db.OutboxMessages.Add(new OutboxMessage
            {
                Channel = OutboxChannel.Teams, DedupKey = "prueba-esperando", Kind = "le-espera", Recipient = "tito@sosep.gob.gt",
                RequestNumber = "UI-2026-00008", Subject = "[UI-2026-00008] Le espera: tomar el ticket — Sin red", Text = "…",
                Status = OutboxStatus.AwaitingChannel, LastError = "sin canal: Teams no instalado; el correo del servicio no está configurado",
                CreatedAt = DateTimeOffset.UtcNow, NextAttemptAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
            return dead.Id;
        });

        await _host.PostAsync(_host.Message(Rosa, "avisos no entregados"));
        var list = await _host.Connector.WaitForPostAsync(p => p.CardJson.Contains("Avisos no entregados", StringComparison.Ordinal));
        Assert.Contains("1 aviso se dio por perdido", list.CardJson, StringComparison.Ordinal);
        Assert.Contains("550 buzón lleno", list.CardJson, StringComparison.Ordinal);
        Assert.Contains("ana@sosep.gob.gt (correo)", list.CardJson, StringComparison.Ordinal);
        Assert.Contains("Esperando un canal", list.CardJson, StringComparison.Ordinal);
        Assert.Contains("sin canal: Teams no instalado", list.CardJson, StringComparison.Ordinal);

        var retried = (await _host.InvokeAsync(_host.Execute(Rosa, "reintentarAviso", new JsonObject { ["id"] = id }))).ToJsonString(ConnectorCall.Readable);

        Assert.Contains("«[UI-2026-00007] Su solicitud está en «Resuelto»» volvió a la cola de envío.", retried, StringComparison.Ordinal);
        Assert.Contains("Ningún aviso se dio por perdido.", retried, StringComparison.Ordinal);
        Assert.Contains("1 aviso espera que el correo o Teams alcance a su destinatario", retried, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Pending, await _host.DbAsync(db => db.OutboxMessages.Where(m => m.Id == id).Select(m => m.Status).SingleAsync()));
    }

    /// <summary>A mail from outside the allowed domains, ingested as the mailbox would: it is held.</summary>
    private async Task HoldAsync(string from, string subject, string externalId)
    {
        var raw = Encoding.UTF8.GetBytes(
            $"From: {from}\r\nTo: mesadeayuda@sosep.gob.gt\r\nSubject: {subject}\r\nMessage-ID: <{externalId}@prueba>\r\n"
            + "Date: Sat, 28 Nov 2026 09:00:00 -0600\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDesde ayer.\r\n");
        await using var scope = _host.Factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<MailIngestor>().IngestAsync("buzon", externalId, raw, default);
        Assert.Equal(MailOutcome.Quarantined, result.Outcome);
    }
}
