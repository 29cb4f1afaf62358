namespace SosepBot.Jobs.Digest;

public enum DigestOutcome
{
    Sent,

    /// <summary>Today's digest went out already and no resend was asked for: nothing was sent.</summary>
    AlreadySent,

    /// <summary>A weekend or holiday: the daily digest is not sent.</summary>
    NotBusinessDay,
}
