using System.Reflection;
using SosepBot.Bot.Cli;
using SosepBot.Bot.Teams;
using SosepBot.Documents;
using SosepBot.Jobs;
using SosepBot.Mailbox;

namespace SosepBot.Bot.Tests.Api;

/// <summary>
/// Every refusal of the texts classes outside Core (jobs, documents, mail, command line, Teams), constants and methods
/// with sample arguments, is a whole Spanish sentence (issue 15). Core's are read by SpanishSentencesTests.
/// </summary>
public sealed class ServiceTextsTests
{
    private static readonly Type[] Catalogues = [typeof(JobTexts), typeof(DocumentTexts), typeof(MailTexts), typeof(CliTexts), typeof(TeamsTexts), typeof(SosepBot.Web.Console.WebTexts)];

    public static TheoryData<string, string> Texts()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in Catalogues)
        {
            foreach (var constant in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(string)))
            {
                data.Add($"{type.Name}.{constant.Name}", (string)constant.GetValue(null)!);
            }

            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(string) && !m.IsSpecialName))
            {
                var arguments = method.GetParameters().Select(Sample).ToArray();
                data.Add($"{type.Name}.{method.Name}", (string)method.Invoke(null, arguments)!);
            }
        }

        return data;
    }

    private static object Sample(ParameterInfo p) => p.ParameterType switch
    {
        _ when p.ParameterType == typeof(string) => p.Name switch
        {
            "number" => "UI-2026-00042",
            "email" => "ana.perez@sosep.gob.gt",
            "state" => "En elaboración",
            "file" => "unidades.json",
            "rule" => "FREQ=MONTHLY;INTERVAL=6",
            "name" => "resumen-diario",
            _ => "dictamen técnico",
        },
        _ when p.ParameterType == typeof(int) => 2,
        _ when p.ParameterType == typeof(long) || p.ParameterType == typeof(long?) => 7L,
        _ when typeof(IEnumerable<string>).IsAssignableFrom(p.ParameterType) => new[] { "resumen-diario", "resumen-semanal" },
        _ => throw new InvalidOperationException($"No sample for {p.Member.Name}({p.ParameterType.Name} {p.Name})."),
    };

    [Fact]
    public void Catalogues_AreAllRead()
    {
        Assert.All(Catalogues, type => Assert.Contains(Texts(), row => ((string)row[0]).StartsWith(type.Name + ".", StringComparison.Ordinal)));
    }

    /// <summary>Capital first, one final period, nothing left unfilled (the rules of Core's SpanishSentencesTests).</summary>
    [Theory]
    [MemberData(nameof(Texts))]
    public void Texts_Each_IsAWholeSentence(string name, string text)
    {
        Assert.False(string.IsNullOrWhiteSpace(text), name);
        Assert.True(char.IsUpper(text[0]), $"{name}: «{text}» begins with a capital.");
        Assert.True(text.EndsWith('.') && !text.EndsWith("..", StringComparison.Ordinal), $"{name}: «{text}» ends with one period.");
        Assert.DoesNotMatch(@"\{[^}]*\}|«»|\(\)|  | [.,;:]", text);
        Assert.DoesNotMatch(@"\b[Ee]l \w+(ción|sión|dad)\b", text);
    }
}
