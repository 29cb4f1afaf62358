namespace SosepBot.Core.Requests;

/// <summary>
/// The fields of the manual's forms DI-Frm_001 … DI-Frm_004, stored as columns of the request.
/// Which ones are required depends on the procedure (see <see cref="Procedures.FormRules"/>).
/// </summary>
public sealed class FormData
{
    /// <summary>DI-Frm_001 … DI-Frm_004.</summary>
    public string? FormCode { get; set; }

    public ChangeKind? ChangeKind { get; set; }

    /// <summary>"Módulo o Sistema".</summary>
    public string? ModuleOrSystem { get; set; }

    /// <summary>"Unidad Operativa".</summary>
    public string? OperationalUnit { get; set; }

    /// <summary>"Programa / Sede / Dirección".</summary>
    public string? ProgramSiteDirection { get; set; }

    /// <summary>"Director(a) / Jefe(a)" who signs (DI-Frm_003, DI-Frm_004).</summary>
    public string? DirectorOrHead { get; set; }

    /// <summary>"Nombres Completos".</summary>
    public string? FirstNames { get; set; }

    /// <summary>"Apellidos Completos".</summary>
    public string? LastNames { get; set; }

    /// <summary>NIT, normalised "body-check".</summary>
    public string? Nit { get; set; }

    /// <summary>CUI: the 13 digits of the DPI.</summary>
    public string? Cui { get; set; }

    public string? InstitutionalEmail { get; set; }

    /// <summary>"Cargo / Puesto".</summary>
    public string? JobTitle { get; set; }

    /// <summary>"Perfil que tendrá" (DI-Frm_002).</summary>
    public string? Profile { get; set; }

    public InternetAccess? InternetAccess { get; set; }

    /// <summary>"Permisos Especiales" (DI-Frm_003).</summary>
    public string? SpecialPermissions { get; set; }

    /// <summary>DI-Frm_004: Cuenta SICOIN.</summary>
    public bool SicoinAccount { get; set; }

    /// <summary>DI-Frm_004: Cuenta SIGES.</summary>
    public bool SigesAccount { get; set; }

    public string? Justification { get; set; }
}
