using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SosepBot.Core.Notifications;
using SosepBot.Core.Persistence;
using SosepBot.Mailbox.Graph;
using SosepBot.TestKit;

namespace SosepBot.Mailbox.Tests;

/// <summary>The Microsoft 365 transport against the loopback Graph stand-in.</summary>
public sealed class GraphMailboxTests : IAsyncLifetime
{
    private const string Helpdesk = "helpdesk@sosep.test";
    private GraphStandIn _graph = null!;
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _graph = await GraphStandIn.StartAsync();
        _db = await TestDatabase.CreateAsync(new Dictionary<string, string?>
        {
            ["Mailbox:Transport"] = "Graph",
            ["Mailbox:Watch"] = "false",
            ["Mailbox:Address"] = Helpdesk,
            ["Mailbox:AllowedDomains:0"] = "sosep.test",
            ["Mailbox:Graph:BaseUrl"] = $"{_graph.BaseUrl}/v1.0",
            ["Mailbox:Graph:Authority"] = _graph.BaseUrl,
            ["Mailbox:Graph:TenantId"] = "inquilino",
            ["Mailbox:Graph:ClientId"] = "cliente",
            ["Mailbox:Graph:ClientSecret"] = "secreto-de-prueba",
        }, (s, c) => s.AddSosepMailbox(c));
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task Sync_DeltaPagesThenDeltaLink_ProcessesEachMessageOnce()
    {
        for (var i = 1; i <= 3; i++)
        {
            _graph.AddMessage($"AAMkId{i}=", Raw($"ana{i}@sosep.test", $"Problema {i}", $"m{i}"));
        }

        var sync = _db.Services.GetRequiredService<GraphMailboxSync>();
        Assert.Equal(3, await sync.SyncAsync(CancellationToken.None));

        var deltaCalls = _graph.Requests.Where(r => r.Contains("/delta", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, deltaCalls.Count);
        Assert.Contains("$skiptoken=pagina2", deltaCalls[1], StringComparison.Ordinal);
        Assert.All(_graph.Requests.Where(r => r.StartsWith("GET /v1.0", StringComparison.Ordinal)),
            r => Assert.Contains("IdType=\"ImmutableId\"", r, StringComparison.Ordinal));
        var cursor = await Query(d => d.MailboxCursors.AsNoTracking().SingleAsync());
        Assert.EndsWith("$deltatoken=d3", cursor.Value, StringComparison.Ordinal);

        // New mail, a removal, and one of the old ones marked read by a person: only the new one is processed.
        _graph.AddMessage("AAMkId4=", Raw("ana4@sosep.test", "Problema 4", "m4"));
        _graph.RemoveMessage("AAMkId1=");
        Assert.Equal(1, await sync.SyncAsync(CancellationToken.None));
        Assert.Contains("$deltatoken=d3", _graph.Requests.Last(r => r.Contains("/delta", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(0, await sync.SyncAsync(CancellationToken.None));

        var titles = await Query(d => d.Requests.AsNoTracking().OrderBy(r => r.Id).Select(r => r.Title).ToListAsync());
        Assert.Equal(["Problema 1", "Problema 2", "Problema 3", "Problema 4"], titles);
        var ids = await Query(d => d.MailRecords.AsNoTracking().Select(r => r.ExternalId).ToListAsync());
        Assert.Equal(["AAMkId1=", "AAMkId2=", "AAMkId3=", "AAMkId4="], ids.Order(StringComparer.Ordinal));

        // Each processed mail was moved out of the inbox after its commit, into the folder created for it (once).
        var processedFolder = Assert.Single(_graph.Folders).Value;
        Assert.Equal("Procesados", _graph.Folders.Single().Key);
        Assert.Equal(["AAMkId1=", "AAMkId2=", "AAMkId3=", "AAMkId4="], _graph.Moves.Keys.Order(StringComparer.Ordinal));
        Assert.All(_graph.Moves.Values, folder => Assert.Equal(processedFolder, folder));
        Assert.Single(_graph.Requests, r => r.StartsWith("POST /v1.0/users/", StringComparison.Ordinal) && r.Contains("/mailFolders", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sync_AutomaticAndForeignMail_MovedToIgnoredAndQuarantineFolders()
    {
        var auto = MailEnvironment.Mail("bea@sosep.test", Helpdesk, "Respuesta automática: Fuera de la oficina", "Vuelvo el lunes.");
        var foreign = MailEnvironment.Mail("alguien@otro.test", Helpdesk, "Hola", "Necesito ayuda.");
        foreach (var (id, message) in new[] { ("AAMkAuto=", auto), ("AAMkForeign=", foreign) })
        {
            using var raw = new MemoryStream();
            message.WriteTo(raw);
            _graph.AddMessage(id, raw.ToArray());
        }

        Assert.Equal(2, await _db.Services.GetRequiredService<GraphMailboxSync>().SyncAsync(CancellationToken.None));

        Assert.Equal(_graph.Folders["Ignorados"], _graph.Moves["AAMkAuto="]);
        Assert.Equal(_graph.Folders["Cuarentena"], _graph.Moves["AAMkForeign="]);
        Assert.Empty(await Query(d => d.Requests.AsNoTracking().ToListAsync()));
    }

    [Fact]
    public async Task Deliver_Acknowledgement_GoesThroughSendMailAsMime()
    {
        _graph.AddMessage("AAMkId1=", Raw("ana@sosep.test", "Sin acceso a SIGES", "orig-1"));
        await _db.Services.GetRequiredService<GraphMailboxSync>().SyncAsync(CancellationToken.None);
        var number = await Query(d => d.Requests.Select(r => r.Number).SingleAsync());

        var delivered = await _db.InScopeAsync(sp => sp.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(CancellationToken.None));

        Assert.True(delivered == 1, string.Join("\n", _graph.Requests));
        var sent = Assert.Single(_graph.Sent);
        var mail = MimeMessage.Load(new MemoryStream(sent));
        Assert.Contains($"[{number}]", mail.Subject, StringComparison.Ordinal);
        Assert.Equal("ana@sosep.test", mail.To.Mailboxes.Single().Address);
        Assert.Equal(Helpdesk, mail.From.Mailboxes.Single().Address);
        Assert.Equal("auto-replied", mail.Headers[HeaderId.AutoSubmitted]);
        Assert.Equal("orig-1@cliente.test", mail.InReplyTo);
        Assert.NotNull(mail.HtmlBody);
        var stored = await Query(d => d.OutboxMessages.AsNoTracking().SingleAsync());
        Assert.Equal(mail.MessageId, stored.ProviderId);
        Assert.Equal(OutboxStatus.Delivered, stored.Status);
    }

    [Fact]
    public async Task Send_Throttled_IsTransientWithRetryAfter()
    {
        _graph.ThrottleNextSend = 7;
        var sender = _db.Services.CreateScope().ServiceProvider.GetServices<IOutboxSender>().Single(s => s.Channel == OutboxChannel.Mail);
        var message = new OutboxMessage
        {
            DedupKey = "prueba", Kind = "estado", Recipient = "ana@sosep.test", Subject = "Aviso", Text = "Hola",
            RequestNumber = "UI-2026-00001", CreatedAt = DateTimeOffset.UnixEpoch,
        };

        var result = await sender.SendAsync(message, CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.False(result.Permanent);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
        Assert.Equal(SendResult.Ok(MailboxAddressId(message)), await sender.SendAsync(message, CancellationToken.None));
    }

    private static string MailboxAddressId(OutboxMessage message) =>
        Outgoing.MailComposer.MessageId(message, new MailboxOptions { Address = Helpdesk });

    private static byte[] Raw(string from, string subject, string messageId)
    {
        var message = MailEnvironment.Mail(from, Helpdesk, subject, "Detalle del problema.");
        message.MessageId = $"{messageId}@cliente.test";
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    private Task<T> Query<T>(Func<SosepDbContext, Task<T>> query) =>
        _db.InScopeAsync(sp => query(sp.GetRequiredService<SosepDbContext>()));
}
