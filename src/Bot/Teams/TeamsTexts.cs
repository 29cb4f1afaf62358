namespace SosepBot.Bot.Teams;

/// <summary>The Teams bot's own refusals and notes, in one place for a reviewer (the services' are in their texts classes).</summary>
public static class TeamsTexts
{
    public const string ButtonWithoutItem = "El botón no indica qué elemento tratar; actualice la tarjeta.";

    /// <summary>The answer to a card's button whose turn waited too long behind the conversation's earlier ones.</summary>
    public const string InvokeQueued = "Recibí su acción; la atiendo después de sus mensajes anteriores y le respondo en este chat en cuanto termine.";

    /// <summary>Above the «Trabajo pendiente» list when more wait than the card shows.</summary>
    public static string WaitingShown(int shown, int total) =>
        $"Le muestro las {shown} más urgentes de las {total} solicitudes que esperan por usted; la consola web las muestra todas.";
}
