namespace SosepBot.Web.Console;

/// <summary>The console's own Spanish sentences (Core's services word their refusals themselves).</summary>
public static class WebTexts
{
    public const string UnknownUnit = "La unidad elegida no existe; elija una de la lista.";
}
