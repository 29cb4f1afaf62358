using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SosepBot.Mailbox.Parsing;

/// <summary>
/// Request numbers in subjects ("RE: RV: [UI-2026-00042] …") and in our own Message-IDs
/// ("&lt;UI-2026-00042.3f1a…@sosep.gob.gt&gt;"), and subjects without reply/forward prefixes.
/// </summary>
public static partial class ThreadTokens
{
    public static string? NumberInSubject(string subject)
    {
        var match = SubjectNumber().Match(subject ?? string.Empty);
        return match.Success ? $"UI-{match.Groups[1].Value}-{int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture):D5}" : null;
    }

    /// <summary>The request number of the first Message-ID the service itself created (domain <paramref name="ownDomain"/>).</summary>
    public static string? NumberInReferences(IEnumerable<string> messageIds, string ownDomain)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        foreach (var id in messageIds)
        {
            var match = OwnMessageId().Match(id.Trim('<', '>', ' '));
            if (match.Success && string.Equals(match.Groups[2].Value, ownDomain, StringComparison.OrdinalIgnoreCase))
            {
                return match.Groups[1].Value.ToUpperInvariant();
            }
        }

        return null;
    }

    /// <summary>A Message-ID for an outgoing message; the same key always gives the same id (retries thread alike).</summary>
    public static string MessageIdFor(string? requestNumber, string dedupKey, string domain)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dedupKey)))[..24];
        return $"{requestNumber ?? "SOSEP"}.{hash}@{domain}";
    }

    /// <summary>The subject without "RE:", "RV:", "RES:", "Fwd:", "ENC:" (repeated) and without our number token.</summary>
    public static string CleanSubject(string subject)
    {
        var s = subject ?? string.Empty;
        string previous;
        do
        {
            previous = s;
            s = Prefix().Replace(s, string.Empty).Trim();
        }
        while (s != previous);

        s = SubjectNumber().Replace(s, string.Empty).Trim();
        s = Prefix().Replace(s, string.Empty).Trim();
        return s;
    }

    [GeneratedRegex(@"\[?\bUI-(\d{4})-(\d{1,6})\b\]?", RegexOptions.IgnoreCase)]
    private static partial Regex SubjectNumber();

    [GeneratedRegex(@"^(UI-\d{4}-\d{5})\.[0-9a-f]+@(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex OwnMessageId();

    [GeneratedRegex(@"^((re|rv|res|fw|fwd|enc|aw|tr|r)\s*(\[\d+\])?\s*:\s*)+", RegexOptions.IgnoreCase)]
    private static partial Regex Prefix();
}
