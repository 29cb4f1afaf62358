using SosepBot.Core.Validation;

namespace SosepBot.Core.Requests;

/// <summary>
/// Text folded for search: lower case without diacritics («Impresión» → «impresion», «ñ» → «n»). Stored beside a
/// request's title and description and a comment's text, and applied to the words searched, so every engine finds
/// them with a plain, case-sensitive "contains".
/// </summary>
public static class SearchText
{
    public static string Fold(string? text) => string.IsNullOrEmpty(text) ? string.Empty : Accents.Strip(text).ToLowerInvariant();

    /// <summary>A request's searchable text: its title and description.</summary>
    public static string OfRequest(string? title, string? description) =>
        string.IsNullOrEmpty(description) ? Fold(title) : Fold(title) + "\n" + Fold(description);

    /// <summary>The words of a search, folded; punctuation around a word is dropped, inside it (a number's hyphens) kept.</summary>
    public static IReadOnlyList<string> Words(string? query) =>
        Fold(query).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim(TrimmedPunctuation)).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private static readonly char[] TrimmedPunctuation = ['.', ',', ';', ':', '¿', '?', '¡', '!', '«', '»', '"', '\'', '(', ')', '[', ']'];
}
