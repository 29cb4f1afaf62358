namespace SosepBot.Core.Scheduled;

/// <summary>
/// Mail the mailbox put aside instead of opening or threading a request (auto-replies, unknown senders…),
/// counted for the IT director's digest. Implemented by the mail channel; absent when there is none.
/// </summary>
public interface IMailQuarantine
{
    Task<int> CountWaitingAsync(CancellationToken cancellationToken);
}
