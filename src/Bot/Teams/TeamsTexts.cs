namespace SosepBot.Bot.Teams;

/// <summary>The Teams bot's own refusals and notes, in one place for a reviewer (the services' are in their texts classes).</summary>
public static class TeamsTexts
{
    public const string ButtonWithoutItem = "El botón no indica qué elemento tratar; actualice la tarjeta.";

    /// <summary>Above the «Trabajo pendiente» list when more wait than the card shows.</summary>
    public static string WaitingShown(int shown, int total) =>
        $"Le muestro las {shown} más urgentes de las {total} solicitudes que esperan por usted; la consola web las muestra todas.";
}
