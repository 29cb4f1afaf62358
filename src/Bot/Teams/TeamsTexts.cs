namespace SosepBot.Bot.Teams;

/// <summary>The Teams bot's own refusals, in one place for a reviewer (the services' are in their texts classes).</summary>
public static class TeamsTexts
{
    public const string ButtonWithoutItem = "El botón no indica qué elemento tratar; actualice la tarjeta.";
}
