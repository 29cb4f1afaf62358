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

    [Theory]
    [InlineData("impre", "imprf")]
    [InlineData("a", "b")]
    public void PrefixEnd_IsTheFirstStringAfterThePrefix(string prefix, string end)
    {
        Assert.Equal(end, SearchText.PrefixEnd(prefix));
        Assert.True(string.CompareOrdinal(prefix + "zzzz", end) < 0);
    }
}
