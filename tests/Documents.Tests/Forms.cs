using SosepBot.Core.Procedures;
using SosepBot.Core.Procedures.Catalog;
using SosepBot.Core.Requests;

namespace SosepBot.Documents.Tests;

/// <summary>Valid forms of the manual (DI-Frm_001 … 004) with real CUI and NIT check digits, and the procedure each belongs to.</summary>
internal static class Forms
{
    public const string Cui = "1234567890101";
    public const string Nit = "1669394-9";

    public static (string Procedure, FormData Form) For(string code) => code switch
    {
        FormCatalog.Modulos => (ProcedureCodes.MantenimientoAplicaciones, Person(new FormData
        {
            FormCode = code, ChangeKind = ChangeKind.Actualizacion, ModuleOrSystem = "Sistema de Inventarios",
            OperationalUnit = "Dirección Financiera", ProgramSiteDirection = "Oficinas centrales",
            Justification = "Agregar el reporte de depreciación por año.",
        })),
        FormCatalog.UsuariosModulos => (ProcedureCodes.UsuarioBsosep, Person(new FormData
        {
            FormCode = code, ChangeKind = ChangeKind.Nuevo, ModuleOrSystem = "BSOSEP", OperationalUnit = "Programa Hogares Comunitarios",
            Profile = "Digitador de beneficiarios",
        })),
        FormCatalog.CorreoInternet => (ProcedureCodes.UsuarioDominio, Person(new FormData
        {
            FormCode = code, ChangeKind = ChangeKind.Nuevo, DirectorOrHead = "Licda. Ana Morales", OperationalUnit = "Dirección de Recursos Humanos",
            InternetAccess = InternetAccess.NavegacionTotal, Justification = "Consulta portales de capacitación en línea.",
            SpecialPermissions = "Acceso a la carpeta compartida de planillas",
        })),
        _ => (ProcedureCodes.SigesSicoin, Person(new FormData
        {
            FormCode = code, ChangeKind = ChangeKind.Nuevo, DirectorOrHead = "Lic. Pedro Sandoval", OperationalUnit = "Dirección Financiera",
            SicoinAccount = true, Justification = "Registro de ejecución presupuestaria.",
        })),
    };

    private static FormData Person(FormData f)
    {
        f.FirstNames = "Luis Fernando";
        f.LastNames = "Castillo Méndez";
        f.Nit = Nit;
        f.Cui = Cui;
        f.InstitutionalEmail = "lcastillo@sosep.gob.gt";
        f.JobTitle = "Asistente de Recursos Humanos";
        return f;
    }
}
