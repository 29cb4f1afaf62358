using System.Net;
using System.Text;

namespace SosepBot.Mailbox.Ingestion;

/// <summary>The Spanish texts the mailbox sends, and the clean HTML made from a plain-text letter.</summary>
public static class MailLetters
{
    public const string Signature = "Unidad de Informática — Secretaría de Obras Sociales de la Esposa del Presidente de la República (SOSEP)";

    public static string Acknowledgement(string name, string number, string title, string procedureName, IReadOnlyList<string> refused)
    {
        var sb = new StringBuilder();
        sb.Append("Hola, ").Append(name).Append(":\n\n");
        sb.Append("Recibimos su solicitud «").Append(title).Append("» y la registramos con el número ").Append(number)
            .Append(" (").Append(procedureName).Append(").\n\n");
        sb.Append("Le avisaremos por este medio cada vez que cambie de estado. Para agregar información, responda a este ")
            .Append("mensaje sin cambiar el asunto (debe conservar el número ").Append(number).Append(").");
        if (refused.Count > 0)
        {
            sb.Append("\n\nNo pudimos guardar estos archivos adjuntos:\n");
            foreach (var r in refused)
            {
                sb.Append("- ").Append(r).Append('\n');
            }
        }

        sb.Append("\n\n").Append("Este es un mensaje automático.\n").Append(Signature);
        return sb.ToString();
    }

    public static string RefusedFiles(string name, string number, IReadOnlyList<string> refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var sb = new StringBuilder();
        sb.Append("Hola, ").Append(name).Append(":\n\n");
        sb.Append("Agregamos su mensaje a la solicitud ").Append(number).Append(", pero no pudimos guardar estos archivos adjuntos:\n");
        foreach (var r in refused)
        {
            sb.Append("- ").Append(r).Append('\n');
        }

        sb.Append("\nSi los necesitamos, envíelos de nuevo en uno de los tipos aceptados respondiendo a este mensaje sin cambiar el asunto.");
        sb.Append("\n\n").Append("Este es un mensaje automático.\n").Append(Signature);
        return sb.ToString();
    }

    /// <summary>A plain-text letter as simple, self-contained HTML (no images, no remote content, no scripts).</summary>
    public static string ToHtml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"es-GT\"><head><meta charset=\"utf-8\"></head>")
            .Append("<body style=\"font-family:Segoe UI,Arial,sans-serif;font-size:14px;color:#1f2937\">");
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n"))
        {
            var lines = paragraph.Split('\n');
            if (lines.All(l => l.StartsWith("- ", StringComparison.Ordinal)))
            {
                sb.Append("<ul>");
                foreach (var l in lines)
                {
                    sb.Append("<li>").Append(WebUtility.HtmlEncode(l[2..])).Append("</li>");
                }

                sb.Append("</ul>");
                continue;
            }

            sb.Append("<p>").Append(string.Join("<br>", lines.Select(WebUtility.HtmlEncode))).Append("</p>");
        }

        return sb.Append("</body></html>").ToString();
    }
}
