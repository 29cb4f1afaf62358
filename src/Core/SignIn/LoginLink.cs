using SosepBot.Core.People;

namespace SosepBot.Core.SignIn;

/// <summary>A one-time sign-in link for the staff console. Only a SHA-256 hash of its token is stored.</summary>
public sealed class LoginLink
{
    public long Id { get; set; }

    public long PersonId { get; set; }

    public Person? Person { get; set; }

    public required byte[] TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the link was used to sign in; a used link never works again.</summary>
    public DateTimeOffset? UsedAt { get; set; }
}
