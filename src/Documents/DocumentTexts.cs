namespace SosepBot.Documents;

/// <summary>Every refusal of <see cref="DocumentService"/>, in one place for a reviewer.</summary>
public static class DocumentTexts
{
    public const string NoSuchDocument = "Ese documento no existe.";

    /// <summary>«Otra persona generó el dictamen técnico de la solicitud UI-2026-00042 al mismo tiempo; …»</summary>
    public static string GeneratedMeanwhile(string document, string number) =>
        $"Otra persona generó el {document} de la solicitud {number} al mismo tiempo; vuelva a intentarlo.";

    public static string NotYet(string number, string document) => $"La solicitud {number} aún no tiene el {document}.";

    public static string NoSuchVersion(string number, int version, string document) =>
        $"La solicitud {number} no tiene la versión {version} del {document}.";

    public static string OnlyExports(string director, string administrator) => $"Solo el {director} y el {administrator} exportan el listado de solicitudes.";

    public static string DictamenWrongProcedure(string number, string procedureName, string code) =>
        $"La solicitud {number} es de «{procedureName}»; el dictamen técnico solo se elabora en solicitudes {code}.";

    public static string DictamenTooEarly(string number, string state) =>
        $"El dictamen de la solicitud {number} se elabora cuando el técnico envió los datos del equipo y las fotografías; la solicitud está en «{state}».";

    public static string NoAccountForm(string number, string procedureName) =>
        $"La solicitud {number} («{procedureName}») no lleva ninguno de los formularios DI-Frm_001 … DI-Frm_004.";

    public static string ConformityWrongProcedure(string number, string procedureName) =>
        $"La solicitud {number} es de «{procedureName}»; el formulario de conformidad es de las visitas de mantenimiento preventivo.";

    public static string VisitNotDone(string number) => $"La visita {number} no se realizó; no lleva formulario de conformidad.";
}
