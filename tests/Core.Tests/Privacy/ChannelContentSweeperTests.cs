using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Mail;
using SosepBot.Core.Notifications;
using SosepBot.Core.Persistence;
using SosepBot.Core.Privacy;
using SosepBot.Core.Teams;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Privacy;

/// <summary>The channels' copies of personal data are emptied once old and done with; the rows and what they guard stay.</summary>
public sealed class ChannelContentSweeperTests
{
    private const string FormWithCui = """{"type":"message","value":{"verb":"enviarFormulario","cui":"2470945600101","nit":"1234567-9"}}""";

    [Fact]
    public async Task Sweep_Sqlite_EmptiesOldCopiesOfWhatIsDone_AndLeavesTheRest()
    {
        await using var db = await TestDatabase.CreateAsync();
        await SweepAsync(db);
    }

    [SkippableFact]
    public async Task Sweep_SqlServer_EmptiesOldCopiesOfWhatIsDone_AndLeavesTheRest()
    {
        Skip.IfNot(TestDatabase.SqlServerConfigured, "Set SOSEPBOT_TEST_SQLSERVER to run the SQL Server tests.");
        await using var db = await TestDatabase.CreateOnAsync(DatabaseProvider.SqlServer);
        await SweepAsync(db);
    }

    [Fact]
    public async Task Sweep_RetentionSetting_IsHonoured()
    {
        await using var db = await TestDatabase.CreateAsync(new Dictionary<string, string?> { ["Retention:ChannelContent"] = "90.00:00:00" });
        var start = db.Time.GetUtcNow();
        await db.InScopeAsync(async sp =>
        {
            var d = sp.GetRequiredService<SosepDbContext>();
            d.TeamsInboundActivities.Add(Activity("a-40-dias", start, processed: true));
            return await d.SaveChangesAsync();
        });
        db.Time.Advance(TimeSpan.FromDays(40));

        Assert.Equal(0, await db.InScopeAsync(sp => sp.GetRequiredService<ChannelContentSweeper>().SweepAsync(default)));

        db.Time.Advance(TimeSpan.FromDays(51));
        Assert.Equal(1, await db.InScopeAsync(sp => sp.GetRequiredService<ChannelContentSweeper>().SweepAsync(default)));
    }

    private static async Task SweepAsync(TestDatabase db)
    {
        var old = db.Time.GetUtcNow();
        await db.InScopeAsync(async sp =>
        {
            var d = sp.GetRequiredService<SosepDbContext>();
            d.TeamsInboundActivities.AddRange(
                Activity("viejo-hecho", old, processed: true, response: """{"statusCode":200,"value":{"cui":"2470945600101"}}""", result: "UI-2026-00001"),
                Activity("viejo-sin-hacer", old, processed: false));
            var delivered = Message("entregado", old, OutboxStatus.Delivered);
            var dead = Message("no-entregado", old, OutboxStatus.DeadLettered);
            var pending = Message("pendiente", old, OutboxStatus.Pending);
            d.OutboxMessages.AddRange(delivered, dead, pending);
            var released = Record("liberado");
            var held = Record("retenido");
            d.MailRecords.AddRange(released, held);
            d.QuarantinedMails.AddRange(
                new QuarantinedMail { MailRecord = released, Reason = "domain", FromAddress = "carlos@otro.test", Raw = "From: carlos\r\n\r\nCUI 2470945600101"u8.ToArray(), Status = QuarantineStatus.Released, ReceivedAt = old, DecidedAt = old },
                new QuarantinedMail { MailRecord = held, Reason = "domain", FromAddress = "eva@otro.test", Raw = "From: eva\r\n\r\nhola"u8.ToArray(), ReceivedAt = old });
            return await d.SaveChangesAsync();
        });

        // Newer than the retention (30 days by default): nothing is touched yet.
        db.Time.Advance(TimeSpan.FromDays(29));
        await db.InScopeAsync(async sp =>
        {
            var d = sp.GetRequiredService<SosepDbContext>();
            d.TeamsInboundActivities.Add(Activity("reciente", db.Time.GetUtcNow(), processed: true));
            return await d.SaveChangesAsync();
        });
        Assert.Equal(0, await db.InScopeAsync(sp => sp.GetRequiredService<ChannelContentSweeper>().SweepAsync(default)));

        db.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(4, await db.InScopeAsync(sp => sp.GetRequiredService<ChannelContentSweeper>().SweepAsync(default)));
        Assert.Equal(0, await db.InScopeAsync(sp => sp.GetRequiredService<ChannelContentSweeper>().SweepAsync(default))); // again: nothing left

        await db.InScopeAsync(async sp =>
        {
            var d = sp.GetRequiredService<SosepDbContext>();
            var activities = await d.TeamsInboundActivities.AsNoTracking().ToDictionaryAsync(a => a.ActivityId);
            Assert.Equal((ChannelContentSweeper.EmptyActivity, null, "UI-2026-00001"), (activities["viejo-hecho"].Body, activities["viejo-hecho"].Response, activities["viejo-hecho"].ResultNumber));
            // Never acted on within the period: emptied and closed, so that no restart acts on an empty body.
            Assert.Equal((ChannelContentSweeper.EmptyActivity, db.Time.GetUtcNow()), (activities["viejo-sin-hacer"].Body, activities["viejo-sin-hacer"].ProcessedAt));
            Assert.Equal(old, activities["viejo-hecho"].ProcessedAt); // acted on: its time kept
            Assert.Equal(FormWithCui, activities["reciente"].Body);

            var messages = await d.OutboxMessages.AsNoTracking().ToDictionaryAsync(m => m.DedupKey);
            Assert.Equal((string.Empty, null, null, "Aviso"), (messages["entregado"].Text, messages["entregado"].Html, messages["entregado"].Payload, messages["entregado"].Subject));
            Assert.Contains("2470945600101", messages["no-entregado"].Text, StringComparison.Ordinal); // IT staff may still retry it
            Assert.Contains("2470945600101", messages["pendiente"].Text, StringComparison.Ordinal);

            var mails = await d.QuarantinedMails.AsNoTracking().ToDictionaryAsync(q => q.FromAddress);
            Assert.Empty(mails["carlos@otro.test"].Raw);
            Assert.NotEmpty(mails["eva@otro.test"].Raw); // still held: IT staff have not decided
            return true;
        });
    }

    private static TeamsInboundActivity Activity(string id, DateTimeOffset at, bool processed, string? response = null, string? result = null) => new()
    {
        ActivityId = id,
        ConversationId = "a:conv-ana",
        ChannelId = "msteams",
        Type = "message",
        Body = FormWithCui,
        ReceivedAt = at,
        ProcessedAt = processed ? at : null,
        Attempts = 1,
        Response = response,
        ResultNumber = result,
    };

    private static OutboxMessage Message(string key, DateTimeOffset at, OutboxStatus status) => new()
    {
        Channel = OutboxChannel.Teams,
        DedupKey = key,
        Kind = "respuesta",
        Recipient = "1",
        Subject = "Aviso",
        Text = "Su CUI 2470945600101 quedó registrado.",
        Html = status == OutboxStatus.Delivered ? "<p>CUI 2470945600101</p>" : null,
        Payload = """{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"CUI 2470945600101"}]}""",
        Status = status,
        CreatedAt = at,
        NextAttemptAt = at,
        DeliveredAt = status == OutboxStatus.Delivered ? at : null,
    };

    private static MailRecord Record(string id) => new() { Mailbox = "helpdesk@sosep.test", ExternalId = id, Sha256 = new string('0', 64), Outcome = MailOutcome.Quarantined };
}
