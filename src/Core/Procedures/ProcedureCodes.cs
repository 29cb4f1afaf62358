namespace SosepBot.Core.Procedures;

/// <summary>The procedures' codes, as the manual names them.</summary>
public static class ProcedureCodes
{
    public const string NuevaAplicacion = "DS-UI-01";
    public const string MantenimientoAplicaciones = "DS-UI-02";
    public const string MantenimientoPreventivo = "DS-UI-03";

    /// <summary>One visit of a DS-UI-03 calendar (a sub-procedure; not one of the manual's codes).</summary>
    public const string VisitaMantenimiento = "DS-UI-03-VISITA";

    public const string SoporteTecnico = "DS-UI-04";
    public const string DictamenTecnico = "DS-UI-05";
    public const string SoporteSedes = "DS-UI-06";
    public const string UsuarioDominio = "DS-UI-07";
    public const string UsuarioBsosep = "DS-UI-08";
    public const string SigesSicoin = "SIGES-SICOIN";
}
