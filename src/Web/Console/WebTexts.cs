namespace SosepBot.Web.Console;

/// <summary>The console's own Spanish sentences (Core's services word their refusals themselves).</summary>
public static class WebTexts
{
    /// <summary>«Esta página es solo para: Administrador del servicio. …»; <paramref name="roles"/> are the roles' Spanish names.</summary>
    public static string OnlyFor(string roles) =>
        $"Esta página es solo para: {roles}. Si necesita ayuda, revise sus pendientes o sus solicitudes.";

    public static string PersonSaved(string email) => $"Se guardaron los datos de {email}.";

    public static string PersonDeactivated(string email) => $"Se desactivó a {email} y se revocaron sus claves de la API.";

    /// <summary>Above «Administración»'s people: how many match the search (or are registered) and which page is shown.</summary>
    public static string PeopleListed(int total, int page, int pages) => string.Create(System.Globalization.CultureInfo.GetCultureInfo("es-GT"),
        $"{(total == 1 ? "Hay una persona" : $"Hay {total:N0} personas")} en la lista; esta es la página {page} de {pages}.");

    public const string NoPeopleFound = "Ninguna persona coincide con la búsqueda; pruebe con otras palabras del nombre o del correo.";

    public static string UnitCreated(string name) => $"Se registró la unidad «{name}».";

    public static string UnitSaved(string name) => $"Se guardaron los datos de la unidad «{name}».";

    public static string KeyIssued(string email) => $"Se emitió una clave de la API para {email}. Cópiela ahora: no se volverá a mostrar.";

    public static string KeyRevoked(string prefix) => $"Se revocó la clave {prefix}.";

    public static string LabelTooLong(int max) => $"La etiqueta de la clave es demasiado larga: escriba hasta {max} caracteres.";

    public static string NoSuchKey(string prefix) => $"No hay una clave vigente con el prefijo «{prefix}».";

    public static string NoticeDiscarded(long id) => $"Se descartó el aviso {id}; no se volverá a intentar.";

    public static string MailReleased(long id) => $"Se liberó el correo {id}: entró como cualquier otro mensaje.";

    public static string MailDiscarded(long id) => $"Se descartó el correo {id}.";

    public const string UnknownUnit = "La unidad elegida no existe; elija una de la lista.";

    public const string UnknownTechnician = "El técnico elegido no existe; elija uno de la lista.";

    /// <summary>The «mes» of the calendar could not be read.</summary>
    public static string BadMonth(string text) => $"El mes «{text}» no es válido: escríbalo como año y mes, por ejemplo 2026-03.";

    /// <summary>«Se adjuntó «a.pdf».» / «Se adjuntaron 2 archivos: «a.pdf», «b.png».»</summary>
    public static string FilesAttached(IReadOnlyList<string> names) => names.Count == 1
        ? $"Se adjuntó «{names[0]}»."
        : $"Se adjuntaron {names.Count} archivos: «{string.Join("», «", names)}».";

    /// <summary>«Se generó el dictamen técnico (PDF), versión 2.»</summary>
    public static string DocumentGenerated(string name, int version) => $"Se generó el {name}, versión {version}.";

    /// <summary>What the upload form accepts, under its file input.</summary>
    public static string UploadLimits(int files, long maxBytes) =>
        string.Create(System.Globalization.CultureInfo.GetCultureInfo("es-GT"), $"Hasta {files} archivos a la vez, de hasta {Megabytes(maxBytes)} MB cada uno.");

    /// <summary>The page a browser gets when an upload passes the body limit (<paramref name="limitBytes"/>); nothing was stored.</summary>
    public static string UploadTooLarge(long limitBytes, int files, long maxBytes) =>
        string.Create(System.Globalization.CultureInfo.GetCultureInfo("es-GT"),
            $"No se guardó ningún archivo: el envío pasa de {Megabytes(limitBytes)} MB, lo más que la consola recibe de una vez. {UploadLimits(files, maxBytes)} Adjunte menos archivos a la vez o archivos más pequeños.");

    private static string Megabytes(long bytes) => (bytes / (1024d * 1024)).ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("es-GT"));
}
