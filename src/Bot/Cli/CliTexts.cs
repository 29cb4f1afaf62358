namespace SosepBot.Bot.Cli;

/// <summary>The command line's own refusals, in one place for a reviewer (the services' are in their texts classes).</summary>
public static class CliTexts
{
    public static string MissingOption(string name) => $"Falta la opción --{name}.";

    public static string NotAPeopleList(string file) => $"El archivo {file} no contiene una lista de personas.";

    public static string NotAUnitsList(string file) => $"El archivo {file} no contiene una lista de unidades.";

    public static string NotAUnitsJson(string file, long? line) => $"El archivo {file} no es una lista JSON de unidades válida (línea {line}).";
}
