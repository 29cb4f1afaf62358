using SosepBot.Core.Requests;

namespace SosepBot.Core.Tests.Requests;

/// <summary>The words the search index holds of a text.</summary>
public sealed class SearchTextTests
{
    [Fact]
    public void IndexWords_FoldsAndDropsOneLetterWords()
    {
        Assert.Equal(new[] { "impresion", "danada", "en", "recepcion" }, SearchText.IndexWords("Impresión DAÑADA, en recepción y ¿a?"));
    }

    [Fact]
    public void IndexWords_WordWithPunctuationInside_AlsoItsParts()
    {
        Assert.Equal(new[] { "impresora/escaner", "impresora", "escaner", "ui-2026-00042", "ui", "2026", "00042" },
            SearchText.IndexWords("impresora/escáner UI-2026-00042"));
    }

    [Fact]
    public void IndexWords_TypographicQuotesAndEllipsis_AreTrimmedLikeThePlainOnes()
    {
        Assert.Equal(new[] { "impresora", "hp", "no", "imprime", "desde", "ayer", "o’brien", "brien" },
            SearchText.IndexWords("“Impresora” ‘HP’ no imprime desde ayer… O’Brien"));
    }

    [Fact]
    public void IndexWords_HugeText_KeepsTheFirstWordsUpToTheCap()
    {
        var text = string.Join(' ', Enumerable.Range(0, 20_000).Select(i => "palabra" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var words = SearchText.IndexWords(text);

        Assert.Equal(SearchText.MaxWordsPerText, words.Count);
        Assert.Equal("palabra0", words[0]);
    }

    [Fact]
    public void IndexWords_LongWord_IsCut()
    {
        Assert.Equal(new string('a', SearchText.MaxWordLength), Assert.Single(SearchText.IndexWords(new string('a', 500))));
    }

    /// <summary>
    /// The one-pass words (<see cref="SearchText.Words"/>, <see cref="SearchText.IndexWords"/>) against their definition
    /// written plainly (split on white space, punctuation trimmed, distinct; runs of letters and digits; cut; capped) over
    /// texts drawn from what people type: accents, ñ, punctuation inside and around words, every kind of white space,
    /// long words with a surrogate pair at the cut, repeated words, a text over the cap.
    /// </summary>
    [Fact]
    public void Words_OverVariedTexts_AreWhatTheirDefinitionGives()
    {
        string[] pieces =
        [
            "Impresión", "DAÑADA,", "¿por", "qué?", "impresora/escáner", "UI-2026-00042", "«urgente»", "(ver", "adjunto)", "a", "é",
            "x.y.z", "--", "...", "¡ya!", "Quiché", "çà", "naïve", "ǅemal", "2+2=4", "correo@sosep.gob.gt", "\u00a0", "\t", "\n", "\u2003",
            new string('b', 39) + "\U0001F600" + "z", new string('c', 60), "impresión", "Impresion", "O'Brien", "\"citado\"", "[x]", ";:", "señor", "tilde~", "“Impresora”", "‘HP’", "ayer…", "O’Brien", "„x“",
        ];
        var random = new Random(20261205);
        for (var n = 0; n < 400; n++)
        {
            var count = n == 0 ? 2_000 : random.Next(0, 40);
            var text = string.Concat(Enumerable.Range(0, count).Select(_ => pieces[random.Next(pieces.Length)] + (random.Next(4) == 0 ? "" : " ")));
            Assert.Equal(DefinedWords(text), SearchText.Words(text));
            Assert.Equal(DefinedIndexWords(text), SearchText.IndexWords(text));
        }
    }

    private static readonly char[] Punctuation = ['.', ',', ';', ':', '¿', '?', '¡', '!', '«', '»', '"', '\'', '(', ')', '[', ']', '“', '”', '‘', '’', '„', '…'];

    private static List<string> DefinedWords(string text) =>
        SearchText.Fold(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim(Punctuation)).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private static List<string> DefinedIndexWords(string text)
    {
        var words = new List<string>();
        foreach (var word in DefinedWords(text))
        {
            var parts = new List<string> { word };
            if (word.Any(c => !char.IsLetterOrDigit(c)))
            {
                parts.AddRange(System.Text.RegularExpressions.Regex.Split(word, @"[^\p{L}\p{Nd}]+").Where(p => p.Length > 0));
            }

            foreach (var part in parts.Where(p => p.Length > 1).Select(SearchText.Indexed))
            {
                if (words.Count < SearchText.MaxWordsPerText && !words.Contains(part))
                {
                    words.Add(part);
                }
            }

            if (words.Count >= SearchText.MaxWordsPerText)
            {
                break;
            }
        }

        return words;
    }

    [Theory]
    [InlineData("impre", "imprf")]
    [InlineData("a", "b")]
    public void PrefixEnd_IsTheFirstStringAfterThePrefix(string prefix, string end)
    {
        Assert.Equal(end, SearchText.PrefixEnd(prefix));
        Assert.True(string.CompareOrdinal(prefix + "zzzz", end) < 0);
    }
}
