using System.Text.RegularExpressions;

namespace SosepBot.Mailbox.Parsing;

/// <summary>
/// Cuts the quoted history off a reply: Gmail's and Thunderbird's "El … escribió:" / "On … wrote:", Outlook's
/// "De: … Enviado:" / "From: … Sent:" headers and "-----Mensaje original-----", and "&gt;" quoted lines.
/// </summary>
public static partial class QuoteStripper
{
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var cut = lines.Length;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var withNext = i + 1 < lines.Length ? line + " " + lines[i + 1].Trim() : line;
            if (OriginalMessage().IsMatch(line)
                || Wrote().IsMatch(line) || (StartsAttribution().IsMatch(line) && Wrote().IsMatch(withNext))
                || (OutlookFrom().IsMatch(line) && OutlookHeaderFollows(lines, i))
                || (Underscores().IsMatch(line) && i + 1 < lines.Length && OutlookFrom().IsMatch(lines[i + 1].Trim())))
            {
                cut = i;
                break;
            }
        }

        var kept = lines.Take(cut).Where(l => !l.TrimStart().StartsWith('>')).ToList();
        while (kept.Count > 0 && string.IsNullOrWhiteSpace(kept[^1]))
        {
            kept.RemoveAt(kept.Count - 1);
        }

        return string.Join('\n', kept).Trim();
    }

    private static bool OutlookHeaderFollows(string[] lines, int from)
    {
        for (var j = from + 1; j < Math.Min(lines.Length, from + 5); j++)
        {
            if (OutlookSent().IsMatch(lines[j].Trim()))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^-{2,}\s*(Mensaje original|Original Message|Mensaje reenviado|Forwarded message)\s*-{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^(El|On)\s.{4,400}\s(escribió|wrote)\s*:\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Wrote();

    [GeneratedRegex(@"^(El|On)\s.*\d", RegexOptions.IgnoreCase)]
    private static partial Regex StartsAttribution();

    [GeneratedRegex(@"^\*?(De|From)\s*:\*?\s.+", RegexOptions.IgnoreCase)]
    private static partial Regex OutlookFrom();

    [GeneratedRegex(@"^\*?(Enviado(\s+el)?|Sent|Fecha|Date|Para|To)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex OutlookSent();

    [GeneratedRegex(@"^_{10,}$")]
    private static partial Regex Underscores();
}
