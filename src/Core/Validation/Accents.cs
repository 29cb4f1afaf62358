using System.Globalization;
using System.Text;

namespace SosepBot.Core.Validation;

/// <summary>Spanish text compared without its accents («Técnico» ~ «tecnico»): roles, units and what people type to the bot.</summary>
public static class Accents
{
    /// <summary>Marks a character the tables do not map (one outside their ranges, or one that decomposes into more than one letter).</summary>
    private const char NotMapped = '\uffff';

    /// <summary>
    /// The end of the characters <see cref="Strip"/> maps one by one: Latin-1 and Latin Extended-A and -B (below the first
    /// combining mark, U+0300), then the general punctuation that mail programs put in (U+2000–U+206F: typographic quotes,
    /// dashes, ellipsis, the spaces of many widths), which holds no combining mark either.
    /// </summary>
    private const char TableEnd = '\u2070';

    private const char LatinEnd = '\u0250';
    private const char PunctuationStart = '\u2000';

    /// <summary>Each mapped character (ASCII included) stripped alone («é» → «e»), <see cref="NotMapped"/> where the general way is needed.</summary>
    private static readonly char[] Stripped = BuildStripped();

    /// <summary>The same, in lower case («É» → «e»): <see cref="Fold"/>'s.</summary>
    private static readonly char[] Folded = Array.ConvertAll(Stripped, c => c == NotMapped ? c : char.ToLowerInvariant(c));

    /// <summary>
    /// The text decomposed (FormD) without its combining marks: «Quiché» → «Quiche», «ñ» → «n». A text of ASCII is
    /// returned as it is, and one of Latin letters and general punctuation alone (what Spanish mail is) is mapped a
    /// character at a time: those ranges hold no combining marks, so decomposing the whole text (which also reorders
    /// marks) and decomposing each character give the same characters once the marks are dropped — the tables keep only
    /// characters that decompose to one. Any other text takes the general way.
    /// </summary>
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().IndexOfAnyExceptInRange('\0', '\u007f');
        if (first < 0)
        {
            return text;
        }

        return Mapped(text, first, Stripped) ?? Decomposed(text);
    }

    /// <summary><see cref="Strip"/> and lower case (invariant) in one pass: how search compares text.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().IndexOfAnyExceptInRange('\0', '\u007f');
        if (first < 0)
        {
            return text.ToLowerInvariant();
        }

        return Mapped(text, first, Folded) ?? Decomposed(text).ToLowerInvariant();
    }

    /// <summary>The text mapped through <paramref name="table"/> from its first non-ASCII character on (ASCII before it maps through the table too), or null when a character is not in it.</summary>
    private static string? Mapped(string text, int first, char[] table)
    {
        foreach (var c in text.AsSpan(first))
        {
            if (c >= TableEnd || table[c] == NotMapped)
            {
                return null;
            }
        }

        return string.Create(text.Length, (text, table), static (destination, state) =>
        {
            var (source, map) = state;
            for (var i = 0; i < source.Length; i++)
            {
                destination[i] = map[source[i]];
            }
        });
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

    private static char[] BuildStripped()
    {
        var table = new char[TableEnd];
        Array.Fill(table, NotMapped);
        for (var c = '\0'; c < TableEnd; c++)
        {
            if (c >= LatinEnd && c < PunctuationStart)
            {
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            var alone = Decomposed(c.ToString());
            if (alone.Length == 1 && category is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark))
            {
                table[c] = alone[0];
            }
        }

        return table;
    }
}
