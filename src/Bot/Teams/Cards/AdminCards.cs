using System.Globalization;
using System.Text.Json.Nodes;
using SosepBot.Core.Notifications;
using SosepBot.Mailbox.Quarantine;

namespace SosepBot.Bot.Teams.Cards;

/// <summary>
/// IT staff's housekeeping cards: the mail held in quarantine (release it as a request, or discard it) and the notices
/// that could not be delivered (put them back in the queue). The same operations as /api/mail/quarantine and
/// /api/outbox/dead-letters, for staff who work in Teams; Core refuses anybody else in Spanish.
/// </summary>
public static class AdminCards
{
    public const string QuarantineVerb = "cuarentena";
    public const string ReleaseVerb = "liberarCorreo";
    public const string DiscardVerb = "descartarCorreo";
    public const string DeadLettersVerb = "noEntregados";
    public const string RetryVerb = "reintentarAviso";

    /// <summary>At most this many items per card (Teams renders long cards poorly); the rest after acting on these.</summary>
    public const int MaxItems = 10;

    public static JsonObject Quarantine(IReadOnlyList<QuarantineView> held, TimeZoneInfo zone, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(held);
        var body = new List<JsonNode?>();
        AddMessage(body, message);
        body.Add(Card.Title("Correo en cuarentena"));
        if (held.Count == 0)
        {
            body.Add(Card.Text("No hay correo retenido."));
        }
        else
        {
            body.Add(Card.Text(Count(held.Count, "correo retenido", "correos retenidos") + ". Libérelo para que se procese como cualquier correo (se abre o se actualiza la solicitud), o descártelo.", subtle: true));
        }

        foreach (var mail in held.Take(MaxItems))
        {
            var id = new JsonObject { ["id"] = mail.Id };
            body.Add(Card.Facts(
            [
                ("De", mail.From),
                ("Asunto", string.IsNullOrWhiteSpace(mail.Subject) ? "(sin asunto)" : mail.Subject),
                ("Motivo", mail.ReasonText),
                ("Recibido", RequestCards.Local(mail.ReceivedAt, zone)),
            ]));
            body.Add(Card.Actions(
            [
                Card.Execute("Liberar", ReleaseVerb, id, style: "positive"),
                Card.Execute("Descartar", DiscardVerb, id.DeepClone().AsObject(), style: "destructive"),
            ]));
        }

        return Card.Create(body, [Card.Execute("Actualizar", QuarantineVerb), Card.Execute("Menú", "menu")]);
    }

    public static JsonObject DeadLetters(IReadOnlyList<DeadLetterView> dead, TimeZoneInfo zone, string? message = null, IReadOnlyList<DeadLetterView>? waiting = null)
    {
        ArgumentNullException.ThrowIfNull(dead);
        var body = new List<JsonNode?>();
        AddMessage(body, message);
        body.Add(Card.Title("Avisos no entregados"));
        body.Add(Card.Text(dead.Count == 0
            ? waiting is { Count: > 0 } ? "Ningún aviso se dio por perdido." : "Todos los avisos se entregaron."
            : Count(dead.Count, "aviso se dio por perdido", "avisos se dieron por perdidos") + " tras sus reintentos. Reintentar lo devuelve a la cola de envío.", subtle: dead.Count > 0));
        foreach (var letter in dead.Take(MaxItems))
        {
            body.Add(Card.Facts(
            [
                ("Aviso", letter.Subject),
                ("Para", $"{letter.Recipient} ({(letter.Channel == OutboxChannel.Teams ? "Teams" : "correo")})"),
                ("Solicitud", letter.RequestNumber),
                ("Intentos", letter.Attempts.ToString(CultureInfo.InvariantCulture)),
                ("Último error", letter.LastError),
                ("Abandonado", letter.GivenUpAt is { } at ? RequestCards.Local(at, zone) : null),
            ]));
            body.Add(Card.Actions([Card.Execute("Reintentar", RetryVerb, new JsonObject { ["id"] = letter.Id })]));
        }

        if (waiting is { Count: > 0 })
        {
            // Not lost: they go out by themselves once a channel reaches the person.
            body.Add(Card.Title("Esperando un canal"));
            body.Add(Card.Text(Count(waiting.Count, "aviso espera", "avisos esperan") + " que el correo o Teams alcance a su destinatario; saldrán solos en cuanto lo haga.", subtle: true));
            foreach (var letter in waiting.Take(MaxItems))
            {
                body.Add(Card.Facts([("Aviso", letter.Subject), ("Para", letter.Recipient), ("Solicitud", letter.RequestNumber), ("Motivo", letter.LastError)]));
            }
        }

        return Card.Create(body, [Card.Execute("Actualizar", DeadLettersVerb), Card.Execute("Menú", "menu")]);
    }

    private static void AddMessage(List<JsonNode?> body, string? message)
    {
        if (message is not null)
        {
            body.Add(Card.Success(message));
        }
    }

    private static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}
