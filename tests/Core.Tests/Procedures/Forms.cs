using SosepBot.Core.Procedures.Catalog;
using SosepBot.Core.Requests;

namespace SosepBot.Core.Tests.Procedures;

/// <summary>Valid forms of the manual (DI-Frm_001 … 004) with real check digits.</summary>
internal static class Forms
{
    public const string ValidCui = "1234567890101";
    public const string ValidNit = "1669394-9";
    public const string ValidNitWithK = "1234561-K";
    public const string WrongCui = "1234567800101";
    public const string WrongNit = "1669394-8";

    /// <summary>DI-Frm_001 (DS-UI-02).</summary>
    public static FormData Modules(ChangeKind kind = ChangeKind.Actualizacion) => new()
    {
        FormCode = FormCatalog.Modulos,
        ChangeKind = kind,
        ModuleOrSystem = "Sistema de Inventarios",
        OperationalUnit = "Dirección Financiera",
        FirstNames = "María José",
        LastNames = "Pérez López",
        Nit = ValidNit,
        Cui = ValidCui,
        InstitutionalEmail = "mjperez@sosep.gob.gt",
        JobTitle = "Analista financiero",
    };

    /// <summary>DI-Frm_002 (DS-UI-08, a BSOSEP user).</summary>
    public static FormData BsosepUser(ChangeKind kind = ChangeKind.Nuevo) => new()
    {
        FormCode = FormCatalog.UsuariosModulos,
        ChangeKind = kind,
        ModuleOrSystem = "BSOSEP",
        OperationalUnit = "Programa Hogares Comunitarios",
        FirstNames = "Juan Carlos",
        LastNames = "García Ruiz",
        Nit = ValidNitWithK,
        Cui = ValidCui,
        Profile = "Digitador de beneficiarios",
        JobTitle = "Digitador",
    };

    /// <summary>DI-Frm_003 (DS-UI-07).</summary>
    public static FormData DomainAccount(ChangeKind kind = ChangeKind.Nuevo) => new()
    {
        FormCode = FormCatalog.CorreoInternet,
        ChangeKind = kind,
        DirectorOrHead = "Licda. Ana Morales",
        OperationalUnit = "Dirección de Recursos Humanos",
        FirstNames = "Luis Fernando",
        LastNames = "Castillo Méndez",
        Nit = ValidNit,
        Cui = ValidCui,
        JobTitle = "Asistente de Recursos Humanos",
        InternetAccess = kind == ChangeKind.Nuevo ? InternetAccess.SinSocialSinStreaming : null,
    };

    /// <summary>DI-Frm_004 (SIGES / SICOIN).</summary>
    public static FormData FinanceAccount(ChangeKind kind = ChangeKind.Nuevo) => new()
    {
        FormCode = FormCatalog.SigesSicoin,
        ChangeKind = kind,
        DirectorOrHead = "Lic. Pedro Sandoval",
        OperationalUnit = "Dirección Financiera",
        FirstNames = "Carla Beatriz",
        LastNames = "Ordóñez Say",
        Nit = ValidNitWithK,
        Cui = ValidCui,
        JobTitle = "Contadora",
        SicoinAccount = true,
    };
}
