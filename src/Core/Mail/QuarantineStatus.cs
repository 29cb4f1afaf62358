namespace SosepBot.Core.Mail;

public enum QuarantineStatus
{
    /// <summary>Waiting for a decision of IT staff.</summary>
    Held = 1,

    /// <summary>Staff let it through: it was processed as a normal mail.</summary>
    Released = 2,

    Discarded = 3,
}
