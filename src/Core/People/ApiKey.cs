namespace SosepBot.Core.People;

/// <summary>A per-person API key. Only a SHA-256 hash of the secret is stored.</summary>
public sealed class ApiKey
{
    public long Id { get; set; }

    public long PersonId { get; set; }

    public Person? Person { get; set; }

    /// <summary>The public part of the key, used to find the row (e.g. "sk_3f9a1c2b").</summary>
    public required string Prefix { get; set; }

    public required byte[] SecretHash { get; set; }

    public string? Label { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
