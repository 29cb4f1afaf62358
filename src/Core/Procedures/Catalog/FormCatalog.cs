using SosepBot.Core.Requests;

namespace SosepBot.Core.Procedures.Catalog;

/// <summary>The manual's forms (Anexos): which fields each one makes obligatory.</summary>
public static class FormCatalog
{
    public const string Modulos = "DI-Frm_001";
    public const string UsuariosModulos = "DI-Frm_002";
    public const string CorreoInternet = "DI-Frm_003";
    public const string SigesSicoin = "DI-Frm_004";

    /// <summary>The date printed as "Vigencia / Versión" on the forms.</summary>
    public static readonly DateOnly Version = new(2020, 1, 15);

    private static readonly (string, Func<FormData, bool>)[] Official =
    [
        ("nombres completos", f => Filled(f.FirstNames)),
        ("apellidos completos", f => Filled(f.LastNames)),
        ("NIT", f => Filled(f.Nit)),
        ("CUI", f => Filled(f.Cui)),
        ("tipo de solicitud (Nuevo, Actualización o Baja)", f => f.ChangeKind is not null),
        ("unidad operativa", f => Filled(f.OperationalUnit)),
    ];

    /// <summary>DI-Frm_001, "Módulos de Sistemas de Información" (DS-UI-02; DS-UI-08 module creation).</summary>
    public static FormRules Modules { get; } = new(
        [Modulos],
        [.. Official, ("módulo o sistema", f => Filled(f.ModuleOrSystem))],
        f => f.ChangeKind == ChangeKind.Baja ? "El formulario DI-Frm_001 solo admite Nuevo o Actualización." : null);

    /// <summary>DS-UI-08: DI-Frm_002 for a BSOSEP user, DI-Frm_001 for a module.</summary>
    public static FormRules Bsosep { get; } = new(
        [UsuariosModulos, Modulos],
        [.. Official, ("módulo o sistema", f => Filled(f.ModuleOrSystem))],
        f => f.FormCode == UsuariosModulos && f.ChangeKind != ChangeKind.Baja && !Filled(f.Profile)
            ? "Falta el perfil que tendrá el usuario (formulario DI-Frm_002)."
            : f.FormCode == Modulos && f.ChangeKind == ChangeKind.Baja
                ? "El formulario DI-Frm_001 solo admite Nuevo o Actualización."
                : null);

    /// <summary>DI-Frm_003, "Internet, y/o Correo Electrónico Institucional" (DS-UI-07).</summary>
    public static FormRules DomainAccount { get; } = new(
        [CorreoInternet],
        [.. Official, ("director(a) o jefe(a) que autoriza", f => Filled(f.DirectorOrHead)), ("cargo o puesto", f => Filled(f.JobTitle))],
        f => f.ChangeKind == ChangeKind.Nuevo && f.InternetAccess is null
            ? "Falta el tipo de acceso a Internet (Páginas de Gobierno, Sin Social Sin Streaming o Navegación Total)."
            : f.InternetAccess == InternetAccess.NavegacionTotal && !Filled(f.Justification)
                ? "La Navegación Total requiere una justificación."
                : null);

    /// <summary>DI-Frm_004, "SIGES / SICOIN".</summary>
    public static FormRules FinanceAccount { get; } = new(
        [SigesSicoin],
        [.. Official, ("director(a) o jefe(a) que autoriza", f => Filled(f.DirectorOrHead)), ("cargo o puesto", f => Filled(f.JobTitle))],
        f => !f.SicoinAccount && !f.SigesAccount ? "Marque al menos un tipo de cuenta: SICOIN o SIGES." : null);

    private static bool Filled(string? value) => !string.IsNullOrWhiteSpace(value);
}
