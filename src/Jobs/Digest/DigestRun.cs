namespace SosepBot.Jobs.Digest;

/// <summary>What one digest run did: sent (to <see cref="People"/>), found it sent already today (at <see cref="SentAt"/>), or skipped a holiday.</summary>
/// <param name="Outcome">Sent, already sent, or not a business day.</param>
/// <param name="Day">The offices' day the digest belongs to.</param>
/// <param name="Recipients">People the digest is for (Jobs:Digest:Recipients, or the IT director).</param>
/// <param name="People">Of them, people at least one message was queued for (the others have no channel that reaches them).</param>
/// <param name="Messages">Outbox messages queued (mail and Teams count apart).</param>
/// <param name="SentAt">When today's digest was sent (this run's time when it sent it).</param>
/// <param name="Resent">A second sending asked for explicitly.</param>
public sealed record DigestRun(DigestOutcome Outcome, DateOnly Day, int Recipients = 0, int People = 0, int Messages = 0, DateTimeOffset? SentAt = null, bool Resent = false);
