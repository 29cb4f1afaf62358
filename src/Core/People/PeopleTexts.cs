namespace SosepBot.Core.People;

/// <summary>
/// Every refusal about people — <see cref="PeopleService"/>, <see cref="NoticeModes"/>, the sign-in links and the
/// lookups by e-mail of the other services — in one place for a reviewer.
/// </summary>
public static class PeopleTexts
{
    public const string NotRegistered = "La persona no está registrada.";

    public static string MissingName(string email) => $"Falta el nombre de {email}.";

    public static string EmailInvalid(string email) => $"El correo «{email}» no es una dirección válida.";

    public static string NobodyWithEmail(string email) => $"No hay ninguna persona registrada con el correo {email}.";

    public static string NobodyToTest(string email) => $"No hay ninguna persona registrada con el correo {email} para las pruebas.";

    public static string UnknownRole(string name, string roles) => $"El rol «{name}» no existe. Roles: {roles}.";

    public static string UnknownNoticeMode(string mode, string immediate, string summaryOnly) =>
        $"El modo de avisos «{mode}» no existe: use «{immediate}» (aviso al momento y resumen diario) o «{summaryOnly}» (solo el resumen diario).";

    public static string DeactivatedNoConsole(string email) => $"La persona {email} está desactivada; no puede entrar a la consola.";

    public static string TooManyLinksMailed(string email, int count) =>
        $"Ya se enviaron {count} enlaces de acceso a {email} en la última hora; espere un poco antes de pedir otro.";

    public static string LinkMailText(string name, string link, int minutes) =>
        $"Hola, {name}:\n\nEl personal de la Unidad de Informática le envía un enlace de acceso a la consola de la mesa de ayuda. " +
        $"Ábralo y presione «Entrar»:\n\n{link}\n\nEl enlace vale {minutes} minutos y sirve una sola vez. " +
        "Si usted no lo pidió, puede ignorar este correo.";
}
