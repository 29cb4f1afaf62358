namespace SosepBot.Jobs.Hosting;

public enum JobRunStatus
{
    /// <summary>The job ran; its summary says what it did (possibly nothing).</summary>
    Done,

    /// <summary>The job had nothing to do by its own rule (the daily digest on a holiday).</summary>
    Skipped,

    /// <summary>Today's digest went out already; nothing was sent. Sending it again is an explicit resend.</summary>
    AlreadySent,
}
