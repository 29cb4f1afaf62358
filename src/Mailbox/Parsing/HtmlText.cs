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

    /// <summary>
    /// Collapses runs of spaces in lines and of blank lines: each line's words (between spaces, tabs and no-break
    /// spaces) joined by one space, one blank line where there were any between two lines, none before the first or
    /// after the last. One pass, no string per word or line.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        var blank = 0;
        var content = false;
        var space = false;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                blank += content ? 0 : 1;
                content = false;
                space = false;
                continue;
            }

            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue;
            }

            if (c is ' ' or '\t' or '\u00a0')
            {
                space = true;
                continue;
            }

            if (!content)
            {
                if (sb.Length > 0)
                {
                    sb.Append(blank > 0 ? "\n\n" : "\n");
                }

                blank = 0;
                content = true;
            }
            else if (space)
            {
                sb.Append(' ');
            }

            space = false;
            sb.Append(c);
        }

        return sb.ToString();
    }
}
