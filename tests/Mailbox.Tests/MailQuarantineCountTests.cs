using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Mail;
using SosepBot.Core.Persistence;
using SosepBot.Mailbox.Quarantine;
using SosepBot.TestKit;

namespace SosepBot.Mailbox.Tests;

/// <summary>The digest's "mail waiting in quarantine" counts only what still waits for a decision.</summary>
public sealed class MailQuarantineCountTests
{
    [Fact]
    public async Task CountWaiting_HeldReleasedDiscarded_CountsOnlyHeld()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.InScopeAsync(async sp =>
        {
            var context = sp.GetRequiredService<SosepDbContext>();
            var statuses = new[] { QuarantineStatus.Held, QuarantineStatus.Held, QuarantineStatus.Released, QuarantineStatus.Discarded };
            for (var i = 0; i < statuses.Length; i++)
            {
                var record = new MailRecord { Mailbox = "INBOX", ExternalId = $"1:{i}", Sha256 = new string('a', 64), Outcome = MailOutcome.Quarantined };
                context.QuarantinedMails.Add(new QuarantinedMail
                {
                    MailRecord = record,
                    Reason = "dominio-no-permitido",
                    FromAddress = $"x{i}@otro.test",
                    Raw = [1, 2, 3],
                    Status = statuses[i],
                });
            }

            return await context.SaveChangesAsync();
        });

        var waiting = await db.InScopeAsync(sp => new MailQuarantineCount(sp.GetRequiredService<SosepDbContext>()).CountWaitingAsync(default));

        Assert.Equal(2, waiting);
    }
}
