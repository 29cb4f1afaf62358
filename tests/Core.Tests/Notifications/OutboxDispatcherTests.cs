using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SosepBot.Core.Notifications;
using SosepBot.Core.Persistence;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Notifications;

public sealed class OutboxDispatcherTests : IAsyncLifetime
{
    private static readonly OutboxOptions Options = new() { MaxAttempts = 3, FirstDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromHours(1) };
    private readonly ScriptedSender _mail = new(OutboxChannel.Mail);
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task DeliverDue_SenderAccepts_MarksDeliveredWithProviderId()
    {
        var id = await QueueAsync(OutboxChannel.Mail);

        Assert.Equal(1, await DeliverAsync(_mail));

        var m = await LoadAsync(id);
        Assert.Equal(OutboxStatus.Delivered, m.Status);
        Assert.Equal($"<{id}@test>", m.ProviderId);
        Assert.Equal(1, m.Attempts);
        Assert.Equal(_db.Time.GetUtcNow(), m.DeliveredAt);
    }

    [Fact]
    public async Task DeliverDue_TransientFailure_RetriesLaterWithBackoffThenDelivers()
    {
        var id = await QueueAsync(OutboxChannel.Mail);
        _mail.Then(_ => SendResult.Transient("421 servicio no disponible"));
        _mail.Then(_ => throw new IOException("conexión cerrada"));

        Assert.Equal(0, await DeliverAsync(_mail));
        var first = await LoadAsync(id);
        Assert.Equal(OutboxStatus.Pending, first.Status);
        Assert.Equal("421 servicio no disponible", first.LastError);
        Assert.Equal(_db.Time.GetUtcNow() + OutboxDispatcher.Backoff(1, Options, id), first.NextAttemptAt);

        Assert.Equal(0, await DeliverAsync(_mail)); // not due yet
        Assert.Single(_mail.Sent);

        _db.Time.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(0, await DeliverAsync(_mail));
        var second = await LoadAsync(id);
        Assert.Contains("IOException", second.LastError, StringComparison.Ordinal);
        Assert.Equal(_db.Time.GetUtcNow() + OutboxDispatcher.Backoff(2, Options, id), second.NextAttemptAt);
        Assert.True(OutboxDispatcher.Backoff(2, Options, id) > OutboxDispatcher.Backoff(1, Options, id));

        _db.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await DeliverAsync(_mail));
        Assert.Equal(OutboxStatus.Delivered, (await LoadAsync(id)).Status);
    }

    [Fact]
    public async Task DeliverDue_RetryAfterLongerThanBackoff_IsHonoured()
    {
        var id = await QueueAsync(OutboxChannel.Mail);
        _mail.Then(_ => SendResult.Transient("429", TimeSpan.FromMinutes(10)));

        await DeliverAsync(_mail);

        Assert.Equal(_db.Time.GetUtcNow() + TimeSpan.FromMinutes(10), (await LoadAsync(id)).NextAttemptAt);
    }

    [Fact]
    public async Task DeliverDue_PermanentFailureOrTooManyAttemptsOrNoSender_IsDeadLettered()
    {
        var permanent = await QueueAsync(OutboxChannel.Mail);
        var noSender = await QueueAsync(OutboxChannel.Teams);
        _mail.Then(_ => SendResult.Failed("550 buzón inexistente"));

        await DeliverAsync(_mail);

        Assert.Equal(OutboxStatus.DeadLettered, (await LoadAsync(permanent)).Status);
        var dead = await LoadAsync(noSender);
        Assert.Equal(OutboxStatus.DeadLettered, dead.Status);
        Assert.Contains("Teams", dead.LastError, StringComparison.Ordinal);

        var flaky = await QueueAsync(OutboxChannel.Mail);
        for (var i = 0; i < Options.MaxAttempts; i++)
        {
            _mail.Then(_ => SendResult.Transient("timeout"));
            await DeliverAsync(_mail);
            _db.Time.Advance(Options.MaxDelay * 2);
        }

        var exhausted = await LoadAsync(flaky);
        Assert.Equal(OutboxStatus.DeadLettered, exhausted.Status);
        Assert.Equal(Options.MaxAttempts, exhausted.Attempts);
    }

    [Fact]
    public async Task DeliverDue_TwoInstancesAtOnceAndRunAgain_SendEachMessageOnce()
    {
        var ids = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await QueueAsync(OutboxChannel.Mail));
        }

        _mail.Delay = TimeSpan.FromMilliseconds(20);
        var counts = await Task.WhenAll(DeliverAsync(_mail), DeliverAsync(_mail));
        await DeliverAsync(_mail);

        Assert.Equal(12, counts.Sum());
        Assert.Equal(ids.Order(), _mail.Sent.Order());
    }

    [Fact]
    public async Task DeliverDue_HolderDiedMidSend_AnotherInstanceSendsItOnceJustAfterTheLease()
    {
        var id = await QueueAsync(OutboxChannel.Mail);
        var claimedAt = _db.Time.GetUtcNow();

        // The first instance claims the message and dies while sending it (its process gone: nothing recorded).
        await DieSendingAsync();
        Assert.Equal(claimedAt + Options.Lease, (await LoadAsync(id)).LeaseUntil);

        // Another instance: not while the dead one's lease lasts, to its last instant; right after it, once.
        _db.Time.Advance(Options.Lease);
        Assert.Equal(0, await DeliverAsync(_mail));
        Assert.Empty(_mail.Sent);
        _db.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await DeliverAsync(_mail));
        Assert.Equal(0, await DeliverAsync(_mail));
        Assert.Equal([id], _mail.Sent);

        // The dead instance's try counts: it may have gone out (SMTP cannot be asked), so it is an attempt, not nothing.
        var m = await LoadAsync(id);
        Assert.Equal((OutboxStatus.Delivered, 2, (DateTimeOffset?)null, (string?)null), (m.Status, m.Attempts, m.LeaseUntil, m.LastError));
        Assert.Equal(_db.Time.GetUtcNow(), m.LastAttemptAt);
    }

    [Fact]
    public async Task DeliverDue_EveryInstanceDiesSendingIt_DeadLetteredAfterTheAttemptsAllowedNotSentAgain()
    {
        var id = await QueueAsync(OutboxChannel.Mail);
        for (var death = 1; death <= Options.MaxAttempts; death++)
        {
            await DieSendingAsync();
            _db.Time.Advance(Options.Lease + TimeSpan.FromMilliseconds(1));
            if (death > 1)
            {
                var inDoubt = await LoadAsync(id);
                Assert.Equal((OutboxStatus.Pending, death - 1, NotificationTexts.SendInDoubt), (inDoubt.Status, inDoubt.Attempts, inDoubt.LastError));
            }
        }

        // The last allowed death: the next claim finds it, counts it, and gives the message up instead of sending it.
        var lastClaim = _db.Time.GetUtcNow() - Options.Lease - TimeSpan.FromMilliseconds(1);
        Assert.Equal(0, await DeliverAsync(_mail));
        Assert.Empty(_mail.Sent);
        var m = await LoadAsync(id);
        Assert.Equal((OutboxStatus.DeadLettered, Options.MaxAttempts, (DateTimeOffset?)null), (m.Status, m.Attempts, m.LeaseUntil));
        Assert.Equal(NotificationTexts.SendKeptDying(Options.MaxAttempts), m.LastError);
        Assert.Equal(lastClaim, m.LastAttemptAt);
        _db.Time.Advance(Options.MaxDelay);
        Assert.Equal(0, await DeliverAsync(_mail));
        Assert.Empty(_mail.Sent);
    }

    /// <summary>An instance claims the due message and its process dies while sending it: nothing recorded.</summary>
    private async Task DieSendingAsync()
    {
        var hanging = new HangingSender(OutboxChannel.Mail);
        using var death = new CancellationTokenSource();
        var dying = DeliverAsync(death.Token, hanging);
        await hanging.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await death.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying);
    }

    [Fact]
    public async Task DeliverDue_SendOutlastingItsShareOfTheLease_IsAbandonedBeforeTheLeaseEndsAndSentOnceLater()
    {
        var id = await QueueAsync(OutboxChannel.Mail);
        var hanging = new HangingSender(OutboxChannel.Mail);
        var slow = DeliverAsync(CancellationToken.None, hanging);
        await hanging.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // Still sending just before its limit: the message stays with it, no other instance takes it.
        _db.Time.Advance(Options.SendLimit - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, await DeliverAsync(_mail));
        Assert.False(slow.IsCompleted);

        // At the limit (before the lease ends) the send is abandoned: a transient failure, released for a later attempt.
        _db.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, await slow.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(hanging.Cancelled);
        var abandoned = await LoadAsync(id);
        Assert.Equal((OutboxStatus.Pending, 1, (DateTimeOffset?)null), (abandoned.Status, abandoned.Attempts, abandoned.LeaseUntil));
        Assert.Equal(NotificationTexts.SendOutlivedLease((int)Options.SendLimit.TotalSeconds), abandoned.LastError);
        Assert.True(Options.SendLimit < Options.Lease);

        _db.Time.Advance(OutboxDispatcher.Backoff(1, Options, id));
        Assert.Equal(1, await DeliverAsync(_mail));
        Assert.Equal(0, await DeliverAsync(_mail));
        Assert.Equal([id], _mail.Sent);
    }

    [Fact]
    public void Lease_Default_CoversTheLongestSendOfTheCodesTimeouts()
    {
        // Teams: two connector calls (create the chat, post), each up to 4 tries of 15 s with up to 30 s between them;
        // SMTP: MailKit's 2 minutes for each of connect, authenticate, send and quit.
        var teams = 2 * ((4 * TimeSpan.FromSeconds(15)) + (3 * TimeSpan.FromSeconds(30)));
        var smtp = 4 * TimeSpan.FromMinutes(2);
        var defaults = new OutboxOptions();
        Assert.True(defaults.SendLimit >= teams && defaults.SendLimit >= smtp, $"{defaults.SendLimit} < {teams} or {smtp}");
        Assert.True(defaults.SendLimit < defaults.Lease);
    }

    [Fact]
    public async Task Retry_DeadLetterAfterTheCauseIsFixed_IsDeliveredOnceWithFreshAttempts()
    {
        var staff = await _db.PersonAsync("Rosa Díaz", Core.People.Role.InfraHead);
        var user = await _db.PersonAsync("Ana Pérez");
        var id = await QueueAsync(OutboxChannel.Mail);
        _mail.Then(_ => SendResult.Failed("550 buzón inexistente"));
        await DeliverAsync(_mail);
        var givenUpAt = _db.Time.GetUtcNow();
        _db.Time.Advance(TimeSpan.FromHours(3));

        var listed = Assert.Single(await _db.InScopeAsync(sp => sp.GetRequiredService<DeadLetters>().ListAsync(staff, CancellationToken.None)));
        Assert.Equal((id, "550 buzón inexistente", givenUpAt, 1), (listed.Id, listed.LastError, listed.GivenUpAt, listed.Attempts));
        var refused = await Assert.ThrowsAsync<Errors.DomainException>(() => _db.InScopeAsync(sp => sp.GetRequiredService<DeadLetters>().ListAsync(user, CancellationToken.None)));
        Assert.Equal(Errors.ErrorKind.Forbidden, refused.Kind);

        await _db.InScopeAsync(sp => sp.GetRequiredService<DeadLetters>().RetryAsync(staff, id, CancellationToken.None));
        var again = await Assert.ThrowsAsync<Errors.DomainException>(() => _db.InScopeAsync(sp => sp.GetRequiredService<DeadLetters>().RetryAsync(staff, id, CancellationToken.None)));
        Assert.Equal(Errors.ErrorKind.InvalidState, again.Kind);
        var queued = await LoadAsync(id);
        Assert.Equal((OutboxStatus.Pending, 0, _db.Time.GetUtcNow()), (queued.Status, queued.Attempts, queued.NextAttemptAt));

        Assert.Equal(1, await DeliverAsync(_mail));
        Assert.Equal(0, await DeliverAsync(_mail));
        var delivered = await LoadAsync(id);
        Assert.Equal((OutboxStatus.Delivered, 1), (delivered.Status, delivered.Attempts));
        Assert.Equal(2, _mail.Sent.Count);
    }

    private Task<int> DeliverAsync(params IOutboxSender[] senders) => DeliverAsync(CancellationToken.None, senders);

    private async Task<int> DeliverAsync(CancellationToken cancellationToken, params IOutboxSender[] senders) =>
        await _db.InScopeAsync(sp => new OutboxDispatcher(
            sp.GetRequiredService<SosepDbContext>(), senders, Microsoft.Extensions.Options.Options.Create(Options), _db.Time,
            NullLogger<OutboxDispatcher>.Instance).DeliverDueAsync(cancellationToken));

    private async Task<long> QueueAsync(OutboxChannel channel) =>
        await _db.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            var message = new OutboxMessage
            {
                Channel = channel,
                DedupKey = Guid.NewGuid().ToString("N"),
                Kind = "estado",
                Recipient = "ana@sosep.gob.gt",
                Subject = "[UI-2026-00001] Su solicitud está en «Resuelto»",
                Text = "Hola",
                CreatedAt = _db.Time.GetUtcNow(),
                NextAttemptAt = _db.Time.GetUtcNow(),
            };
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });

    private Task<OutboxMessage> LoadAsync(long id) =>
        _db.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
}
