using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;

namespace SosepBot.Bot.Tests.Api;

/// <summary>The dead letters of the outbox over HTTP: IT staff list them and put one back in the queue; others are refused.</summary>
public sealed class OutboxApiTests : IAsyncLifetime
{
    private readonly SosepApiFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task DeadLetters_StaffListsAndRetries_OthersAreRefused()
    {
        var staff = await _factory.ClientForAsync("Rosa Díaz", Role.InfraHead);
        var user = await _factory.ClientForAsync("Ana Pérez");
        var id = await DeadLetterAsync();

        var forbidden = await user.GetAsync(new Uri("/api/outbox/dead-letters", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("mensajes no entregados", (await forbidden.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PostAsync(new Uri($"/api/outbox/dead-letters/{id}/retry", UriKind.Relative), null)).StatusCode);

        var list = (await (await staff.GetAsync(new Uri("/api/outbox/dead-letters", UriKind.Relative))).ReadJsonAsync()).AsArray();
        var listed = Assert.Single(list)!;
        Assert.Equal(id, listed["id"]!.GetValue<long>());
        Assert.Equal("550 buzón inexistente", listed["lastError"]!.GetValue<string>());
        Assert.Null(listed["text"]); // bodies may carry personal data: not listed

        var retried = await staff.PostAsync(new Uri($"/api/outbox/dead-letters/{id}/retry", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var twice = await staff.PostAsync(new Uri($"/api/outbox/dead-letters/{id}/retry", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsync(new Uri("/api/outbox/dead-letters/99999/retry", UriKind.Relative), null)).StatusCode);
        await using var scope = _factory.Services.CreateAsyncScope();
        var status = await scope.ServiceProvider.GetRequiredService<SosepDbContext>().OutboxMessages.Where(m => m.Id == id).Select(m => m.Status).SingleAsync();
        Assert.Equal(OutboxStatus.Pending, status);
    }

    private async Task<long> DeadLetterAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
        var now = _factory.Time.GetUtcNow();
        var message = new OutboxMessage
        {
            Channel = OutboxChannel.Mail,
            DedupKey = "prueba-carta-muerta",
            Kind = "estado",
            Recipient = "ana@sosep.gob.gt",
            Subject = "[UI-2026-00001] Su solicitud está en «Resuelto»",
            Text = "Hola, Ana: CUI 1234 56789 0101",
            Status = OutboxStatus.DeadLettered,
            Attempts = 1,
            LastError = "550 buzón inexistente",
            CreatedAt = now,
            NextAttemptAt = now,
            LastAttemptAt = now,
        };
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }
}
