using SosepBot.Core.Validation;

namespace SosepBot.Core.Requests;

/// <summary>
/// Text folded for search: lower case without diacritics («Impresión» → «impresion», «ñ» → «n»). Applied to a
/// request's title and description and a comment's text (stored folded beside them, and split into the word index,
/// <see cref="RequestWord"/>) and to the words searched, so every engine compares them as plain, case-sensitive text.
/// </summary>
public static class SearchText
{
    /// <summary>Longer words are indexed (and searched) by their first this many characters.</summary>
    public const int MaxWordLength = 40;

    /// <summary>
    /// At most this many distinct words of one text (a request's title and description together, or one comment) are
    /// indexed, the first ones in the text: a 128 KB description cannot fill the index with thousands of rows.
    /// </summary>
    public const int MaxWordsPerText = 300;

    public static string Fold(string? text) => string.IsNullOrEmpty(text) ? string.Empty : Accents.Strip(text).ToLowerInvariant();

    /// <summary>A request's searchable text: its title and description.</summary>
    public static string OfRequest(string? title, string? description) =>
        string.IsNullOrEmpty(description) ? Fold(title) : Fold(title) + "\n" + Fold(description);

    /// <summary>A person's searchable name: the name and the e-mail folded, after a space each (so that «word begins» is «contains ' ' + word»).</summary>
    public static string OfPerson(string? name, string? email) => " " + Fold(name) + " " + Fold(email);

    /// <summary>The words of a search, folded; punctuation around a word is dropped, inside it (a number's hyphens) kept.</summary>
    public static IReadOnlyList<string> Words(string? query) =>
        Fold(query).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim(TrimmedPunctuation)).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The words of a text as the index holds them: its <see cref="Words"/> and, for a word with punctuation inside
    /// («impresora/escáner», «ui-2026-00042»), also its runs of letters and digits; words of one character are left
    /// out, longer ones than <see cref="MaxWordLength"/> cut; distinct, at most <see cref="MaxWordsPerText"/>.
    /// </summary>
    public static IReadOnlyList<string> IndexWords(string? text)
    {
        var words = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Words(text))
        {
            Add(word);
            if (word.Any(c => !char.IsLetterOrDigit(c)))
            {
                foreach (var part in Runs(word))
                {
                    Add(part);
                }
            }

            if (words.Count >= MaxWordsPerText)
            {
                break;
            }
        }

        return words;

        void Add(string word)
        {
            if (word.Length > 1 && words.Count < MaxWordsPerText && seen.Add(Indexed(word)))
            {
                words.Add(Indexed(word));
            }
        }
    }

    /// <summary>A word as indexed and searched: its first <see cref="MaxWordLength"/> characters (a surrogate pair kept whole).</summary>
    public static string Indexed(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= MaxWordLength)
        {
            return word;
        }

        return word[..(char.IsHighSurrogate(word[MaxWordLength - 1]) ? MaxWordLength - 1 : MaxWordLength)];
    }

    /// <summary>
    /// The first string after every word that begins with <paramref name="prefix"/> (ordinal order): the words
    /// beginning with it are those ≥ prefix and &lt; this, a range an index serves on every engine (unlike LIKE).
    /// </summary>
    public static string PrefixEnd(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return prefix[..^1] + (char)(prefix[^1] + 1);
    }

    /// <summary>The runs of letters and digits of <paramref name="word"/>.</summary>
    private static IEnumerable<string> Runs(string word)
    {
        var start = -1;
        for (var i = 0; i <= word.Length; i++)
        {
            if (i < word.Length && char.IsLetterOrDigit(word[i]))
            {
                start = start < 0 ? i : start;
            }
            else if (start >= 0)
            {
                yield return word[start..i];
                start = -1;
            }
        }
    }

    private static readonly char[] TrimmedPunctuation = ['.', ',', ';', ':', '¿', '?', '¡', '!', '«', '»', '"', '\'', '(', ')', '[', ']'];
}
