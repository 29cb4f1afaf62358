using System.Globalization;
using System.Text;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>The bot's short answers in the chat (greetings, thanks, yes and no, «no entendí»), and how it quotes what a person typed.</summary>
public static class ChatReplies
{
    /// <summary>How much of a message «No entendí «…»» quotes back.</summary>
    public const int UnknownQuote = 80;

    /// <summary>How much of a message the ticket proposal quotes back.</summary>
    public const int ProposalQuote = 300;

    public static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-GT");

    public static string Greeting(string greeting, string? displayName) =>
        $"¡{greeting}{(FirstName(displayName) is { } name ? ", " + name : string.Empty)}! ¿En qué le puedo ayudar? "
        + "Cuénteme su problema con sus palabras o escriba «menú» para ver los formularios.";

    public static string Thanks(bool proposalPending) => proposalPending
        ? "¡Con mucho gusto! Si quiere que abra el ticket, responda «sí»; si no, «no»."
        : "¡Con mucho gusto! Aquí estoy si necesita algo más.";

    public const string Declined = "Está bien, no abro ningún ticket. Si necesita algo más, aquí estoy.";

    public const string NothingToDecline = "Está bien. Si necesita algo, cuénteme su problema o escriba «menú».";

    public const string NothingToConfirm = "De acuerdo. No tengo nada pendiente de confirmar; si necesita algo, cuénteme su problema o escriba «menú».";

    public static string NotUnderstood(string text) =>
        $"No entendí «{Quote(text, UnknownQuote)}». Puede describirme su problema con sus palabras (p. ej. «mi impresora no imprime») "
        + "o escribir «menú» para ver los formularios. «ayuda» muestra todo lo que puedo hacer.";

    /// <summary>The text on one line, cut at <paramref name="max"/> characters (never inside a surrogate pair) with «…».</summary>
    public static string Quote(string? text, int max)
    {
        var flat = new StringBuilder();
        foreach (var c in (text ?? string.Empty).AsSpan().Trim())
        {
            if (flat.Length > max)
            {
                break;
            }

            var blank = char.IsWhiteSpace(c) || char.IsControl(c);
            if (!blank || flat.Length > 0 && flat[^1] != ' ')
            {
                flat.Append(blank ? ' ' : c);
            }
        }

        if (flat.Length <= max)
        {
            return flat.ToString().TrimEnd();
        }

        var cut = char.IsLowSurrogate(flat[max]) ? max - 1 : max;
        return flat.ToString(0, cut).TrimEnd() + "…";
    }

    private static string? FirstName(string? displayName) =>
        displayName?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}
