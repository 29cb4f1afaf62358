using SosepBot.Bot.Teams.Conversations;

namespace SosepBot.Bot.Tests.Teams;

/// <summary>
/// The phrase corpus (Teams/Phrases/*.tsv): real phrasings — typos, no accents, voseo, capitals, punctuation, emoji —
/// and the intent the bot must read in each. README, «Cómo añadir frases».
/// </summary>
public sealed class ConversationPhraseTests
{
    private const int MinimumCorpus = 150;

    public static TheoryData<string, string, string> Phrases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (file, line, intent, phrase) in Read())
        {
            data.Add(intent, phrase, $"{file}:{line}");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Phrases))]
    public void Classify_RealPhrasing_ReadsItsIntent(string intent, string phrase, string where)
    {
        Assert.True(Enum.TryParse<Intent>(intent, out var expected), $"{where}: «{intent}» is not an intent ({string.Join(", ", Enum.GetNames<Intent>())}).");
        Assert.Equal((expected, where), (TextIntents.Classify(phrase), where));
    }

    [Fact]
    public void Corpus_HasEnoughPhrasings_ForEveryIntent()
    {
        var rows = Read().ToList();

        Assert.True(rows.Count >= MinimumCorpus, $"The corpus has {rows.Count} phrasings; at least {MinimumCorpus} are wanted.");
        Assert.Empty(Enum.GetNames<Intent>().Except(rows.Select(r => r.Intent)));
        Assert.Empty(rows.GroupBy(r => r.Phrase).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void Classify_HundredThousandCharacters_IsQuickAndBounded()
    {
        var oneWord = new string('a', 100_000);
        var manyWords = string.Concat(Enumerable.Repeat("la impresora no imprime ", 5_000));
        var started = System.Diagnostics.Stopwatch.StartNew();

        Assert.Equal(Intent.Unknown, TextIntents.Classify(oneWord));
        Assert.Equal(Intent.Ticket, TextIntents.Classify(manyWords));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"Classifying took {started.Elapsed}.");
        Assert.Equal(81, ChatReplies.Quote(oneWord, 80).Length);
        Assert.EndsWith("…", ChatReplies.Quote(oneWord, 80), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("😀😀😀", 2, "😀…")]
    [InlineData("línea uno\n\n  línea   dos", 80, "línea uno línea dos")]
    [InlineData("corto", 80, "corto")]
    public void Quote_CutsOnOneLine_NeverInsideAnEmoji(string text, int max, string expected) =>
        Assert.Equal(expected, ChatReplies.Quote(text, max));

    private static IEnumerable<(string File, int Line, string Intent, string Phrase)> Read()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Teams", "Phrases"), "*.tsv").Order(StringComparer.Ordinal))
        {
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                Assert.True(tab > 0, $"{Path.GetFileName(file)}:{number}: the intent and the phrase are separated by a tab.");
                yield return (Path.GetFileName(file), number, line[..tab], line[(tab + 1)..]);
            }
        }
    }
}
