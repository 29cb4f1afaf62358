using System.Text;
using SosepBot.Mailbox.Parsing;

namespace SosepBot.Mailbox.Tests;

/// <summary><see cref="HtmlText.Normalize"/> in one pass gives what splitting into lines and words gives.</summary>
public sealed class HtmlTextNormalizeTests
{
    [Theory]
    [InlineData("  Buenos   días\t\tequipo  ", "Buenos días equipo")]
    [InlineData("\n\nuno\n\n\n  \ndos\r\ntres\n\n", "uno\n\ndos\ntres")]
    [InlineData("a\u00a0\u00a0b", "a b")]
    [InlineData("a\rb\r\r\nc", "a\rb\r\nc")]
    [InlineData("", "")]
    [InlineData(" \t \n ", "")]
    public void Normalize_Examples(string text, string expected) => Assert.Equal(expected, HtmlText.Normalize(text));

    [Fact]
    public void Normalize_RandomTexts_AsSplittingIntoLinesAndWords()
    {
        var random = new Random(12052026);
        const string Alphabet = "ab \t\n\r\u00a0ñ.";
        for (var n = 0; n < 20000; n++)
        {
            var sb = new StringBuilder();
            var length = random.Next(0, 40);
            for (var i = 0; i < length; i++)
            {
                sb.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            var text = sb.ToString();
            Assert.Equal(BySplitting(text), HtmlText.Normalize(text));
        }
    }

    /// <summary>The former way: lines, then each line's words joined by one space, then the blank lines collapsed.</summary>
    private static string BySplitting(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\u00a0', ' ').Split('\n')
            .Select(l => string.Join(' ', l.Split(' ', '\t').Where(w => w.Length > 0)));
        var sb = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                blank++;
                continue;
            }

            sb.Append(sb.Length > 0 ? (blank > 0 ? "\n\n" : "\n") : string.Empty).Append(line);
            blank = 0;
        }

        return sb.ToString();
    }
}
