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

    public static string Fold(string? text) => string.IsNullOrEmpty(text) ? string.Empty : Accents.Fold(text);

    /// <summary>A request's searchable text: its title and description.</summary>
    public static string OfRequest(string? title, string? description) =>
        string.IsNullOrEmpty(description) ? Fold(title) : Fold(title) + "\n" + Fold(description);

    /// <summary>A person's searchable name: the name and the e-mail folded, after a space each (so that «word begins» is «contains ' ' + word»).</summary>
    public static string OfPerson(string? name, string? email) => " " + Fold(name) + " " + Fold(email);

    /// <summary>The words of a search, folded; punctuation around a word is dropped, inside it (a number's hyphens) kept.</summary>
    public static IReadOnlyList<string> Words(string? query)
    {
        var folded = Fold(query);
        var words = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        for (var position = 0; NextWord(folded, ref position, out var word);)
        {
            AddOnce(word, seen, words);
        }

        return words;
    }

    /// <summary>
    /// The words of a text as the index holds them: its <see cref="Words"/> and, for a word with punctuation inside
    /// («impresora/escáner», «ui-2026-00042»), also its runs of letters and digits; words of one character are left
    /// out, longer ones than <see cref="MaxWordLength"/> cut; distinct, at most <see cref="MaxWordsPerText"/>. One pass
    /// over the folded text, a string made only for a word kept: it runs for every request and comment written.
    /// </summary>
    public static IReadOnlyList<string> IndexWords(string? text)
    {
        var folded = Fold(text);
        var words = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        for (var position = 0; words.Count < MaxWordsPerText && NextWord(folded, ref position, out var word);)
        {
            Add(word);
            // A word of letters and digits alone is its own only run (already added): only the others are split.
            if (word.ContainsAnyExcept(LettersAndDigitsOfAscii))
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
                        Add(word[start..i]);
                        start = -1;
                    }
                }
            }
        }

        return words;

        void Add(ReadOnlySpan<char> word)
        {
            if (word.Length > 1 && words.Count < MaxWordsPerText)
            {
                AddOnce(Indexed(word), seen, words);
            }
        }
    }

    /// <summary>A word as indexed and searched: its first <see cref="MaxWordLength"/> characters (a surrogate pair kept whole).</summary>
    public static string Indexed(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length <= MaxWordLength ? word : Indexed(word.AsSpan()).ToString();
    }

    private static ReadOnlySpan<char> Indexed(ReadOnlySpan<char> word) =>
        word.Length <= MaxWordLength ? word : word[..(char.IsHighSurrogate(word[MaxWordLength - 1]) ? MaxWordLength - 1 : MaxWordLength)];

    /// <summary>
    /// The first string after every word that begins with <paramref name="prefix"/> (ordinal order): the words
    /// beginning with it are those ≥ prefix and &lt; this, a range an index serves on every engine (unlike LIKE).
    /// </summary>
    public static string PrefixEnd(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return prefix[..^1] + (char)(prefix[^1] + 1);
    }

    /// <summary>
    /// The next word of <paramref name="text"/> from <paramref name="position"/>: a run of characters between white space
    /// (as <see cref="string.Split(char[])"/> splits with none given), the punctuation around it trimmed; none when only
    /// white space and punctuation are left.
    /// </summary>
    private static bool NextWord(string text, ref int position, out ReadOnlySpan<char> word)
    {
        while (position < text.Length)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            var start = position;
            while (position < text.Length && !char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            word = text.AsSpan(start, position - start).Trim(TrimmedPunctuation);
            if (!word.IsEmpty)
            {
                return true;
            }
        }

        word = default;
        return false;
    }

    /// <summary>Adds <paramref name="word"/> to <paramref name="words"/> unless <paramref name="seen"/> holds it; a string is made only then.</summary>
    private static void AddOnce(ReadOnlySpan<char> word, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> seen, List<string> words)
    {
        if (!seen.Contains(word))
        {
            var kept = word.ToString();
            seen.Set.Add(kept);
            words.Add(kept);
        }
    }

    /// <summary>ASCII letters and digits: a word of them alone (most words) is not looked at character by character.</summary>
    private static readonly System.Buffers.SearchValues<char> LettersAndDigitsOfAscii =
        System.Buffers.SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    // With the typographic quotes and the ellipsis that mail programs put in place of the plain ones.
    private static readonly char[] TrimmedPunctuation = ['.', ',', ';', ':', '¿', '?', '¡', '!', '«', '»', '"', '\'', '(', ')', '[', ']', '\u201C', '\u201D', '\u2018', '\u2019', '\u201E', '\u2026'];
}
