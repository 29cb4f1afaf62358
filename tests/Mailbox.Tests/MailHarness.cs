using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Notifications;
using SosepBot.Core.Persistence;
using SosepBot.Mailbox.Imap;
using SosepBot.TestKit;

namespace SosepBot.Mailbox.Tests;

/// <summary>The mailbox wired like the service wires it (real SQLite, the private Dovecot/Postfix), driven step by step.</summary>
public sealed class MailHarness : IAsyncDisposable
{
    private MailHarness(TestDatabase db, string helpdesk)
    {
        Db = db;
        Helpdesk = helpdesk;
    }

    public TestDatabase Db { get; }

    public string Helpdesk { get; }

    public static async Task<MailHarness> CreateAsync(params string[] allowedDomains)
    {
        var helpdesk = MailEnvironment.NewAddress("helpdesk");
        var db = await TestDatabase.CreateAsync(MailEnvironment.Settings(helpdesk, allowedDomains), (s, c) => s.AddSosepMailbox(c));
        return new MailHarness(db, helpdesk);
    }

    /// <summary>One pass of the IMAP watcher over the helpdesk inbox.</summary>
    public async Task<int> SyncAsync()
    {
        var sync = Db.Services.GetRequiredService<ImapMailboxSync>();
        using var client = await sync.ConnectAsync(CancellationToken.None);
        var processed = await sync.SyncAsync(client, CancellationToken.None);
        await client.DisconnectAsync(true);
        return processed;
    }

    /// <summary>What the jobs do: plan notices of request events, then deliver the outbox.</summary>
    public async Task<int> NotifyAndDeliverAsync()
    {
        await Db.InScopeAsync(sp => sp.GetRequiredService<RequestNotifier>().ProcessAsync(CancellationToken.None));
        return await Db.InScopeAsync(sp => sp.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(CancellationToken.None));
    }

    public Task<T> QueryAsync<T>(Func<SosepDbContext, Task<T>> query) =>
        Db.InScopeAsync(sp => query(sp.GetRequiredService<SosepDbContext>()));

    public Task<List<Core.Requests.Request>> RequestsAsync() =>
        QueryAsync(d => d.Requests.AsNoTracking().Include(r => r.Requester).OrderBy(r => r.Id).ToListAsync());

    public Task<List<OutboxMessage>> OutboxAsync() => QueryAsync(d => d.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
