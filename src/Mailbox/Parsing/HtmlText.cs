using System.Text;
using MimeKit.Text;

namespace SosepBot.Mailbox.Parsing;

/// <summary>Turns an HTML body into plain text: no tags, scripts, styles or remote content survive.</summary>
public static class HtmlText
{
    private static readonly HashSet<string> Breaks = new(StringComparer.OrdinalIgnoreCase)
    {
        "br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "hr",
    };

    public static string ToText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var sb = new StringBuilder(html.Length / 2);
        using var reader = new StringReader(html);
        var tokenizer = new HtmlTokenizer(reader) { DecodeCharacterReferences = true };
        string? skipping = null;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when skipping is not null:
                    if (tag.IsEndTag && string.Equals(tag.Name, skipping, StringComparison.OrdinalIgnoreCase))
                    {
                        skipping = null;
                    }

                    break;
                case HtmlTagToken tag when !tag.IsEndTag && (tag.Name is "script" or "style" or "head" or "title"):
                    skipping = tag.IsEmptyElement ? null : tag.Name;
                    break;
                case HtmlTagToken tag when tag.Name == "li":
                    sb.Append(tag.IsEndTag ? string.Empty : "\n- ");
                    break;
                case HtmlTagToken tag when Breaks.Contains(tag.Name):
                    sb.Append('\n');
                    break;
                case HtmlTagToken tag when tag.Name is "td" or "th":
                    sb.Append(' ');
                    break;
                case HtmlDataToken data when skipping is null:
                    sb.Append(data.Data);
                    break;
            }
        }

        return Normalize(sb.ToString());
    }

    /// <summary>Collapses runs of spaces in lines and of blank lines.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
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

            if (sb.Length > 0)
            {
                sb.Append(blank > 0 ? "\n\n" : "\n");
            }

            sb.Append(line);
            blank = 0;
        }

        return sb.ToString();
    }
}
