using System.Globalization;
using System.Text;

namespace SosepBot.Core.Validation;

/// <summary>Spanish text compared without its accents («Técnico» ~ «tecnico»): roles, units and what people type to the bot.</summary>
public static class Accents
{
    /// <summary>The text decomposed (FormD) without its combining marks: «Quiché» → «Quiche», «ñ» → «n».</summary>
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
