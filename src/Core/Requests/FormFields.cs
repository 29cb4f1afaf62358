using SosepBot.Core.Procedures.Catalog;

namespace SosepBot.Core.Requests;

/// <summary>The fields of <see cref="FormData"/> with their Spanish names, descriptions and allowed values (API reference and refusals).</summary>
public static class FormFields
{
    private static readonly string[] AllForms = [FormCatalog.Modulos, FormCatalog.UsuariosModulos, FormCatalog.CorreoInternet, FormCatalog.SigesSicoin];
    private static readonly string[] AccountForms = [FormCatalog.CorreoInternet, FormCatalog.SigesSicoin];

    public static IReadOnlyList<FormField> All { get; } =
    [
        new(nameof(FormData.FormCode), new("formulario", "código del formulario", false),
            "Código del formulario; si se omite, el primero que acepta el procedimiento.", AllForms, AllForms),
        new(nameof(FormData.ChangeKind), new("tipoSolicitud", "tipo de solicitud", false),
            "Tipo de solicitud: alta, actualización o baja (DI-Frm_001 no admite baja).", Enum.GetNames<ChangeKind>(), AllForms),
        new(nameof(FormData.ModuleOrSystem), new("moduloSistema", "módulo o sistema", false),
            "Módulo o sistema al que se refiere la solicitud.", [], [FormCatalog.Modulos, FormCatalog.UsuariosModulos]),
        new(nameof(FormData.OperationalUnit), new("unidadOperativa", "unidad operativa", true),
            "Unidad operativa del funcionario.", [], AllForms),
        new(nameof(FormData.ProgramSiteDirection), new("programaSede", "programa, sede o dirección", false),
            "Programa, sede o dirección del funcionario.", [], AllForms),
        new(nameof(FormData.DirectorOrHead), new("directorJefe", "director o jefe que autoriza", false),
            "Nombre del director(a) o jefe(a) que firma y autoriza.", [], AccountForms),
        new(nameof(FormData.FirstNames), new("nombres", "nombres completos", false, Plural: true),
            "Nombres completos del funcionario.", [], AllForms),
        new(nameof(FormData.LastNames), new("apellidos", "apellidos completos", false, Plural: true),
            "Apellidos completos del funcionario.", [], AllForms),
        new(nameof(FormData.Nit), new("nit", "NIT", false),
            "NIT con su dígito verificador (se aceptan guiones y espacios; K como último dígito).", [], AllForms),
        new(nameof(FormData.Cui), new("cui", "CUI", false),
            "CUI: los 13 dígitos del DPI, con su dígito verificador, departamento y municipio válidos.", [], AllForms),
        new(nameof(FormData.InstitutionalEmail), new("correoInstitucional", "correo institucional", false),
            "Correo institucional del funcionario.", [], AllForms),
        new(nameof(FormData.JobTitle), new("cargo", "cargo o puesto", false),
            "Cargo o puesto del funcionario.", [], AllForms),
        new(nameof(FormData.Profile), new("perfil", "perfil", false),
            "Perfil que tendrá el usuario en el sistema (DI-Frm_002; obligatorio salvo en una baja).", [], [FormCatalog.UsuariosModulos]),
        new(nameof(FormData.InternetAccess), new("accesoInternet", "tipo de acceso a Internet", false),
            "Tipo de acceso a Internet (DI-Frm_003; obligatorio en una cuenta nueva; la navegación total requiere justificación).",
            Enum.GetNames<InternetAccess>(), [FormCatalog.CorreoInternet]),
        new(nameof(FormData.SpecialPermissions), new("permisosEspeciales", "permisos especiales", false, Plural: true),
            "Permisos especiales que se solicitan (DI-Frm_003).", [], [FormCatalog.CorreoInternet]),
        new(nameof(FormData.SicoinAccount), new("cuentaSicoin", "cuenta SICOIN", true),
            "Marca la cuenta SICOIN (DI-Frm_004; marque al menos una de las dos).", ["true", "false"], [FormCatalog.SigesSicoin]),
        new(nameof(FormData.SigesAccount), new("cuentaSiges", "cuenta SIGES", true),
            "Marca la cuenta SIGES (DI-Frm_004; marque al menos una de las dos).", ["true", "false"], [FormCatalog.SigesSicoin]),
        new(nameof(FormData.Justification), new("justificacion", "justificación", true),
            "Justificación de la solicitud.", [], AllForms),
    ];

    public static FormField? Find(string jsonName) =>
        All.FirstOrDefault(f => string.Equals(f.JsonName, jsonName, StringComparison.OrdinalIgnoreCase));
}
