namespace SosepBot.Bot.Api;

/// <summary>
/// The API's own Spanish refusals and problem titles, in one place for a reviewer (the domain's are in Core:
/// ProcedureTexts, RequestTexts, ValidationTexts; a wrong value of a body field: <see cref="JsonBodyErrors"/>).
/// </summary>
public static class ApiTexts
{
    public const string TitleMalformed = "Solicitud mal formada";
    public const string TitleInternal = "Error interno";
    public const string TitleNotFound = "No encontrado";
    public const string TitleForbidden = "No permitido";
    public const string TitleWrongState = "Acción no disponible en el estado actual";
    public const string TitleConflict = "La solicitud cambió mientras usted actuaba";
    public const string TitleInvalid = "Datos no válidos";

    public const string MalformedJson = "El cuerpo no es un JSON válido para esta operación; revise los nombres y tipos de los campos.";
    public const string MalformedHttp = "La solicitud HTTP no tiene el formato esperado.";
    public const string Internal = "Ocurrió un error interno. Quedó registrado; intente de nuevo o avise a la Unidad de Informática.";

    public const string ProcedureAndTitle = "Indique el procedimiento (por ejemplo «DS-UI-04») y el título de la solicitud.";
    public const string SendMultipart = "Envíe el archivo como multipart/form-data, en el campo «file», con el campo «kind».";
    public const string MissingFile = "Falta el archivo en el campo «file».";
    public const string UnknownIdentity = "Su identidad no corresponde a ninguna persona registrada en la mesa de ayuda.";
    public const string DeactivatedUser = "Su usuario está desactivado en la mesa de ayuda.";
    public const string QuarantineStatus = "El estado debe ser Held, Released o Discarded.";
    public const string CalendarNeeded = "Indique la calendarización (DS-UI-03) a la que pertenece el plan.";
    public const string FirstVisitNeeded = "Indique la fecha y hora de la primera visita (firstVisit, hora de Guatemala).";

    public static string QueryNotAllowed(string parameter, IReadOnlyList<string> allowed) =>
        $"El parámetro «{parameter}» de la dirección no es válido: use {Core.Validation.ValidationTexts.JoinOr(allowed)}.";

    public static string QueryNotANumber(string parameter) =>
        $"El parámetro «{parameter}» de la dirección no es válido: escriba un número entero.";


    public static string NobodyToTest(string? email) => string.IsNullOrWhiteSpace(email)
        ? "Uno de los correos de los usuarios de pruebas (testerEmails) está vacío."
        : Core.People.PeopleTexts.NobodyToTest(email.Trim());

    public static string UnknownAttachmentKind(string kind, IEnumerable<string> kinds) =>
        $"El tipo de documento «{kind}» no existe. Tipos: {string.Join(", ", kinds)}.";

    public static string UnknownProcedure(string code, IEnumerable<string> codes) =>
        $"El procedimiento «{code}» no existe. Procedimientos: {string.Join(", ", codes)}.";
}
