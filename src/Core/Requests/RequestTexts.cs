namespace SosepBot.Core.Requests;

/// <summary>
/// Every refusal the request services say, in one place for a reviewer; the missing and too-long texts are in
/// <see cref="Validation.ValidationTexts"/>, the procedures' own in <see cref="Procedures.ProcedureTexts"/>.
/// </summary>
public static class RequestTexts
{
    public const string PhoneOnlyStaff = "Solo el personal de la Unidad de Informática registra solicitudes recibidas por teléfono.";
    public const string OnBehalfOnlyStaff = "Solo el personal de la Unidad de Informática registra solicitudes a nombre de otra persona.";
    public const string UnknownAttachmentKind = "El tipo de documento no existe.";
    public const string EmptyFile = "El archivo está vacío.";
    public const string MissingFileName = "Falta el nombre del archivo.";
    public const string NoFilesChosen = "Elija al menos un archivo para adjuntar.";
    public const string UnknownTester = "Uno de los usuarios de pruebas indicados no está registrado o no está activo.";
    public const string SitesForCentralRequester =
        "El soporte a sedes departamentales (DS-UI-06) es para el personal de las sedes departamentales. Usted pertenece a las oficinas centrales: abra una solicitud de soporte técnico (DS-UI-04).";
    public const string SitesForCentralPerson =
        "La persona indicada pertenece a las oficinas centrales, no a una sede departamental: registre su solicitud como soporte técnico (DS-UI-04).";
    public const string PersonalData =
        "El archivo lleva datos personales (CUI, NIT): solo lo obtienen el solicitante, las personas que la solicitud nombra o que actuaron en ella, y quienes tienen un rol en los pasos de su procedimiento.";
    public const string VisitDate = "Indique la fecha de la visita.";
    public const string VisitUnit = "Indique la unidad que se visitará (su número o su nombre, de las unidades registradas).";

    public static string UnknownProcedure(string code, IEnumerable<string> codes) =>
        $"El procedimiento «{code}» no existe. Procedimientos: {string.Join(", ", codes)}.";

    public const string DatesReversed = "La fecha inicial es posterior a la fecha final; corrija el rango de fechas.";

    public static string UnknownSort(string name, string names) => $"No se puede ordenar por «{name}». Órdenes posibles: {names}.";

    public static string BadDay(string text) => $"La fecha «{text}» no es válida; escríbala como año-mes-día, por ejemplo 2026-03-02.";

    public static string SearchTooLong(int max) => $"La búsqueda es demasiado larga: escriba hasta {max} caracteres.";

    public static string UnknownProcedure(string code) => $"El procedimiento «{code}» no existe.";

    /// <summary>«Solo pueden abrir «Solicitud de nueva aplicación»: Despacho Superior.»</summary>
    public static string OnlyOpenedBy(string procedureName, string roles) => $"Solo pueden abrir «{procedureName}»: {roles}.";

    public static string ConcludedNoFiles(string number, string state) =>
        $"La solicitud {number} ya concluyó («{state}»); no admite archivos nuevos.";

    public static string FileTypeRefused(string type) =>
        $"No se aceptan archivos de tipo «{type}». Tipos aceptados: PDF, imágenes (JPEG, PNG, GIF, WEBP, HEIC), texto, Word y Excel.";

    public static string ContentDisagrees(string name, string type) => $"El contenido de «{name}» no corresponde a un archivo de tipo {type}.";

    public static string NoSuchAttachment(string number, long id) => $"La solicitud {number} no tiene el archivo {id}.";

    /// <summary>The same answer whether the request does not exist or is somebody else's: numbers are guessable.</summary>
    public static string NotFoundOrNotYours(string number) => $"No encontramos la solicitud {number} entre las que usted puede ver.";


    public static string ParentNeeded(string parentProcedureName) => $"Indique la solicitud de {parentProcedureName} a la que pertenece.";

    public static string NoSuchCalendar(string number) => $"No existe la calendarización {number}.";

    public static string CalendarState(string number, string state, IEnumerable<string> states) =>
        $"La calendarización {number} está en «{state}»; solo se agregan visitas en «{string.Join("», «", states)}».";

    public static string VisitTechnician(string role) => $"Indique el técnico de la visita: una persona con el rol {role}.";

    public static string Stale(string number, string state) =>
        $"Otra persona actualizó la solicitud {number} mientras usted actuaba; ahora está en «{state}». Revise su estado y vuelva a intentarlo.";

    public static string UnknownDocument(string value, IEnumerable<string> documents) =>
        $"El documento «{value}» no existe. Documentos: {string.Join(", ", documents)}.";

    public static string TooManyFiles(int max) => $"Adjunte hasta {max} archivos a la vez.";

    /// <summary>One file of several refused: none was kept.</summary>
    public static string FileInBatchRefused(string file, string message) => $"No se adjuntó ningún archivo porque «{file}» fue rechazado. {message}";

    public static string FileTooLarge(long maxBytes) => $"El archivo supera el tamaño máximo permitido de {maxBytes / (1024.0 * 1024.0):0.#} MB.";

    // The forms of the account procedures (FormValidator).
    public static string MissingForm(string formCode) => $"Falta el formulario {formCode} con los datos del funcionario.";

    public static string WrongForm(string formCode, IEnumerable<string> formCodes) =>
        $"El formulario «{formCode}» no corresponde a este procedimiento; use {string.Join(" o ", formCodes)}.";

    public static string MissingFormData(string formCode, IEnumerable<string> missing) =>
        $"Faltan datos obligatorios del formulario {formCode}: {string.Join(", ", missing)}.";

    public static string InstitutionalEmailInvalid(string email) => $"El correo institucional «{email}» no es una dirección válida.";
}
