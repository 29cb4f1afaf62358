namespace SosepBot.Core.Notifications;

/// <summary>What a send attempt achieved.</summary>
/// <param name="Delivered">Accepted by the other side.</param>
/// <param name="ProviderId">Message-ID or activity id.</param>
/// <param name="Error">Why it failed (no secrets, no personal data).</param>
/// <param name="Permanent">Retrying will not help (unknown recipient…): dead-letter now.</param>
/// <param name="RetryAfter">The other side asked to wait this long (HTTP 429 Retry-After).</param>
public sealed record SendResult(bool Delivered, string? ProviderId = null, string? Error = null, bool Permanent = false, TimeSpan? RetryAfter = null)
{
    public static SendResult Ok(string? providerId = null) => new(true, providerId);

    public static SendResult Transient(string error, TimeSpan? retryAfter = null) => new(false, Error: error, RetryAfter: retryAfter);

    public static SendResult Failed(string error) => new(false, Error: error, Permanent: true);
}
