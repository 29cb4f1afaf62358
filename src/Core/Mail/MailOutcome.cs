namespace SosepBot.Core.Mail;

/// <summary>What became of an incoming mail.</summary>
public enum MailOutcome
{
    /// <summary>Opened a new request.</summary>
    Request = 1,

    /// <summary>Added to an existing request (comment or the requester's answer).</summary>
    Comment = 2,

    /// <summary>Automatic mail (auto-reply, bounce, list, our own): nothing opened, nothing answered.</summary>
    Ignored = 3,

    /// <summary>Held for staff (sender outside the allowed domains, SPF/DKIM failure).</summary>
    Quarantined = 4,

    /// <summary>Could not be turned into a request (the reason is kept); the sender was told when possible.</summary>
    Refused = 5,

    /// <summary>The same message (same Message-ID and bytes) was already processed under another identity.</summary>
    Duplicate = 6,
}
