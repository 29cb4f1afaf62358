using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Mail;
using SosepBot.Core.Persistence;
using SosepBot.Core.Scheduled;

namespace SosepBot.Mailbox.Quarantine;

/// <summary>How much mail waits for a decision in the quarantine, for the IT director's digest.</summary>
public sealed class MailQuarantineCount(SosepDbContext db) : IMailQuarantine
{
    public Task<int> CountWaitingAsync(CancellationToken cancellationToken) =>
        db.QuarantinedMails.AsNoTracking().CountAsync(q => q.Status == QuarantineStatus.Held, cancellationToken);
}
