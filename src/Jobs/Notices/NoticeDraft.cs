using SosepBot.Core.Scheduled;

namespace SosepBot.Jobs.Notices;

/// <summary>A notice decided by a job, with its letters, before it is recorded (<see cref="NoticeWriter.WriteManyAsync"/>).</summary>
/// <param name="Notice">The notice; its key is unique.</param>
/// <param name="Letters">Its letters to people.</param>
/// <param name="RequestNumber">The request it is about, if any.</param>
/// <param name="Mailboxes">Its letters to mailboxes that are no registered person.</param>
public sealed record NoticeDraft(JobNotice Notice, IReadOnlyCollection<Letter> Letters, string? RequestNumber, IReadOnlyCollection<MailboxLetter> Mailboxes)
{
    public NoticeDraft(JobNotice notice, IReadOnlyCollection<Letter> letters, string? requestNumber)
        : this(notice, letters, requestNumber, [])
    {
    }
}
