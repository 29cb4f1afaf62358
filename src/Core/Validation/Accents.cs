using System.Globalization;
using System.Text;

namespace SosepBot.Core.Validation;

/// <summary>Spanish text compared without its accents («Técnico» ~ «tecnico»): roles, units and what people type to the bot.</summary>
public static class Accents
{
    /// <summary>The end of the range of characters <see cref="Strip"/> maps one by one: Latin-1 and Latin Extended-A and -B, before the first combining mark (U+0300).</summary>
    private const char MappedEnd = '\u0250';

    /// <summary>Each character below <see cref="MappedEnd"/> stripped alone («é» → «e», «ǆ» → «ǆ»); null where it is itself.</summary>
    private static readonly string?[] Mapped = BuildMapped();

    /// <summary>
    /// The text decomposed (FormD) without its combining marks: «Quiché» → «Quiche», «ñ» → «n». A text of ASCII is
    /// returned as it is, and one of Latin letters alone (what Spanish text is) is mapped a character at a time: below
    /// U+0300 there are no combining marks, so decomposing the whole text (which also reorders marks) and decomposing
    /// each character give the same letters once the marks are dropped. Any other text takes the general way.
    /// </summary>
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan();
        var first = span.IndexOfAnyExceptInRange('\0', '\u007f');
        if (first < 0)
        {
            return text;
        }

        if (span[first..].ContainsAnyExceptInRange('\0', (char)(MappedEnd - 1)))
        {
            return Decomposed(text);
        }

        var sb = new StringBuilder(text.Length);
        sb.Append(span[..first]);
        foreach (var c in span[first..])
        {
            if (Mapped[c] is { } mapped)
            {
                sb.Append(mapped);
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string Decomposed(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string?[] BuildMapped()
    {
        var mapped = new string?[MappedEnd];
        for (var c = '\0'; c < MappedEnd; c++)
        {
            var alone = Decomposed(c.ToString());
            mapped[c] = alone.Length == 1 && alone[0] == c ? null : alone;
        }

        return mapped;
    }
}
