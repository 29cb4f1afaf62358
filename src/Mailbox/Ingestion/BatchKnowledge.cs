using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Mail;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;

namespace SosepBot.Mailbox.Ingestion;

/// <summary>
/// What the database knows about a batch of mails, read in four queries inside the batch's transaction instead of
/// several per mail: which of them were recorded before, which Message-ID + content were seen already, their
/// senders, and how many acknowledgements each sender got in the last day. The batch keeps the sets up to date
/// with what it adds itself (it is the only writer while its transaction holds the write lock).
/// </summary>
internal sealed class BatchKnowledge
{
    public required HashSet<string> Recorded { get; init; }

    /// <summary>(Message-ID, SHA-256) of mails recorded with an outcome other than duplicate.</summary>
    public required HashSet<(string MessageId, string Sha256)> Messages { get; init; }

    /// <summary>The senders registered so far, by normalised e-mail (the batch adds those it registers).</summary>
    public required Dictionary<string, Person?> Senders { get; init; }

    /// <summary>Mails that opened a request in the last day, per sender address as recorded.</summary>
    public required Dictionary<string, int> SentToday { get; init; }

    /// <summary>Reads it for <paramref name="mails"/>: the batch's records as read from the mails (identity, Message-ID, sender), not saved yet.</summary>
    public static async Task<BatchKnowledge> LoadAsync(
        SosepDbContext db, string mailbox, IReadOnlyCollection<MailRecord> mails, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var ids = mails.Select(m => m.ExternalId).ToList();
        var recorded = await db.MailRecords.AsNoTracking().Where(r => r.Mailbox == mailbox && ids.Contains(r.ExternalId))
            .Select(r => r.ExternalId).ToListAsync(cancellationToken);
        var messageIds = mails.Select(m => m.MessageId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var seen = messageIds.Count == 0
            ? []
            : await db.MailRecords.AsNoTracking()
                .Where(r => r.MessageId != null && messageIds.Contains(r.MessageId) && r.Outcome != MailOutcome.Duplicate)
                .Select(r => new { r.MessageId, r.Sha256 }).ToListAsync(cancellationToken);
        var emails = mails.Select(m => m.FromAddress).OfType<string>().Where(a => a.Contains('@', StringComparison.Ordinal))
            .Select(PeopleService.NormalizeEmail).Distinct(StringComparer.Ordinal).ToList();
        var senders = emails.Count == 0
            ? []
            : await db.People.AsNoTracking().Include(p => p.Roles).Where(p => emails.Contains(p.Email)).ToListAsync(cancellationToken);
        var addresses = mails.Select(m => m.FromAddress).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var counts = addresses.Count == 0
            ? []
            : await db.MailRecords.AsNoTracking()
                .Where(r => r.FromAddress != null && addresses.Contains(r.FromAddress) && r.ProcessedAt > since && r.Outcome == MailOutcome.Request)
                .GroupBy(r => r.FromAddress!).Select(g => new { Address = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return new BatchKnowledge
        {
            Recorded = recorded.ToHashSet(StringComparer.Ordinal),
            Messages = seen.Select(s => (s.MessageId!, s.Sha256)).ToHashSet(),
            Senders = senders.ToDictionary(p => p.Email, p => (Person?)p, StringComparer.Ordinal),
            SentToday = counts.ToDictionary(c => c.Address, c => c.Count, StringComparer.Ordinal),
        };
    }
}
