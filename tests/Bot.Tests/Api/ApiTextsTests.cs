using System.Reflection;
using SosepBot.Bot.Api;

namespace SosepBot.Bot.Tests.Api;

/// <summary>Every refusal and problem title of the API's catalogue (<see cref="ApiTexts"/>), with sample arguments.</summary>
public sealed class ApiTextsTests
{
    public static TheoryData<string, string> Texts()
    {
        var data = new TheoryData<string, string>();
        foreach (var constant in typeof(ApiTexts).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            data.Add(constant.Name, (string)constant.GetValue(null)!);
        }

        foreach (var method in typeof(ApiTexts).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(string)))
        {
            foreach (var text in new[] { "ana.perez@sosep.gob.gt", " " })
            {
                var arguments = method.GetParameters()
                    .Select(p => p.ParameterType == typeof(string) ? text : (object)new[] { "true", "false" })
                    .ToArray();
                if (text == " " && method.Name != nameof(ApiTexts.NobodyToTest))
                {
                    continue;
                }

                data.Add(method.Name, (string)method.Invoke(null, arguments)!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void ApiTexts_Each_IsATitleOrAWholeSentence(string name, string text)
    {
        Assert.True(char.IsUpper(text[0]), $"{name}: «{text}» begins with a capital.");
        Assert.DoesNotMatch(@"\{[^}]*\}|«»|  | [.,;:]", text);
        if (name.StartsWith("Title", StringComparison.Ordinal))
        {
            Assert.False(text.EndsWith('.'), $"{name}: a title has no final period.");
        }
        else
        {
            Assert.True(text.EndsWith('.') && !text.EndsWith("..", StringComparison.Ordinal), $"{name}: «{text}» ends with one period.");
        }
    }
}
