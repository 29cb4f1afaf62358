using System.Globalization;
using System.Text;
using SosepBot.Core.Requests;
using SosepBot.Core.Validation;

namespace SosepBot.Core.Tests.Validation;

/// <summary>
/// The fast paths of the text folding every request, comment and search goes through (<see cref="Accents.Strip"/>,
/// <see cref="Accents.Fold"/>, <see cref="RequestRecords.WithoutInvisible"/>) give exactly what the general way gives:
/// every character alone, and random texts mixing ASCII, Spanish letters, the punctuation mail programs type (curly
/// quotes, dashes), other scripts, combining marks and invisible characters.
/// </summary>
public sealed class TextFoldingTests
{
    [Theory]
    [InlineData("Impresión del Quiché", "Impresion del Quiche")]
    [InlineData("niño, pingüino, año", "nino, pinguino, ano")]
    [InlineData("plain ascii 123", "plain ascii 123")]
    [InlineData("Łódź", "Łodz")]
    [InlineData("e\u0301 combinado", "e combinado")]
    [InlineData("Ελληνικά", "Ελληνικα")]
    public void Strip_Examples(string text, string expected) => Assert.Equal(expected, Accents.Strip(text));

    [Fact]
    public void Strip_EveryCharacterAlone_AsTheGeneralWay()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (char.IsSurrogate((char)c))
            {
                continue;
            }

            var text = ((char)c).ToString();
            Assert.True(Outcome(() => GeneralStrip(text)) == Outcome(() => Accents.Strip(text)), $"U+{c:X4}");
        }
    }

    [Fact]
    public void Strip_RandomTexts_AsTheGeneralWay()
    {
        var random = new Random(20261205);
        foreach (var text in RandomTexts(random, 5000))
        {
            Assert.Equal(GeneralStrip(text), Accents.Strip(text));
        }
    }

    [Fact]
    public void Fold_EveryCharacterAloneAndRandomTexts_AsStripThenLowerCase()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (!char.IsSurrogate((char)c))
            {
                var text = ((char)c).ToString();
                Assert.True(Outcome(() => GeneralStrip(text).ToLowerInvariant()) == Outcome(() => Accents.Fold(text)), $"U+{c:X4}");
            }
        }

        foreach (var text in RandomTexts(new Random(6122026), 5000))
        {
            Assert.Equal(GeneralStrip(text).ToLowerInvariant(), Accents.Fold(text));
        }

        Assert.Equal("\u201cimpresion\u201d \u2014 recepcion\u2026", Accents.Fold("\u201cIMPRESIÓN\u201d \u2014 Recepción\u2026"));
    }

    [Fact]
    public void WithoutInvisible_RandomTexts_AsTheGeneralWay()
    {
        var random = new Random(5122026);
        foreach (var text in RandomTexts(random, 5000))
        {
            Assert.Equal(GeneralWithoutInvisible(text), RequestRecords.WithoutInvisible(text));
        }

        Assert.Equal("ab", RequestRecords.WithoutInvisible("a\u200Bb\uFEFF"));
        Assert.Null(RequestRecords.WithoutInvisible(null));
        var unchanged = "sin nada invisible: ñandú";
        Assert.Same(unchanged, RequestRecords.WithoutInvisible(unchanged));
    }

    private static IEnumerable<string> RandomTexts(Random random, int count)
    {
        // Mostly what SOSEP's staff write, with now and then a character from elsewhere, a combining mark or an invisible one.
        const string Common = "abcdeñóáéíúüÁÉÑ ,.¿?¡!\n\t0123456789";
        char[] rare = ['\u0301', '\u0308', '\u0327', '\u200B', '\u200D', '\uFEFF', '\u00AD', 'ǅ', 'ǖ', 'Ș', 'ɐ', 'ά', 'ё', 'ﬁ', '가', '\u1E9E', 'ẞ', '\u0250', '\u024F', '\u2014', '\u2013', '\u201C', '\u201D', '\u2018', '\u2019', '\u2026', '\u2022', '\u2000', '\u2001', '\u2028', '\u2060', '\u206F', '\u2070', '\u20AC', '\u02BC'];
        for (var n = 0; n < count; n++)
        {
            var sb = new StringBuilder();
            var length = random.Next(0, 60);
            for (var i = 0; i < length; i++)
            {
                var roll = random.Next(100);
                sb.Append(roll < 85 ? Common[random.Next(Common.Length)] : roll < 95 ? rare[random.Next(rare.Length)] : (char)random.Next(0x20, 0xD7FF));
            }

            yield return sb.ToString();
        }
    }

    /// <summary>The result, or the exception's type where there is one (a non-character, such as U+FFFF, cannot be normalised).</summary>
    private static string Outcome(Func<string> fold)
    {
        try
        {
            return "= " + fold();
        }
        catch (ArgumentException e)
        {
            return e.GetType().Name;
        }
    }

    private static string GeneralStrip(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        return string.Concat(decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark));
    }

    private static string GeneralWithoutInvisible(string text) =>
        string.Concat(text.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format));
}
