namespace SosepBot.Core.Validation;

/// <summary>
/// The 22 departments of Guatemala by RENAP code (01..22), with their municipality counts.
/// </summary>
internal static class GuatemalaDepartments
{
    public const int Count = 22;

    private static readonly string[] Names =
    [
        "Guatemala", "El Progreso", "Sacatepéquez", "Chimaltenango", "Escuintla", "Santa Rosa",
        "Sololá", "Totonicapán", "Quetzaltenango", "Suchitepéquez", "Retalhuleu", "San Marcos",
        "Huehuetenango", "Quiché", "Baja Verapaz", "Alta Verapaz", "Petén", "Izabal", "Zacapa",
        "Chiquimula", "Jalapa", "Jutiapa",
    ];

    // Escuintla (14) and Huehuetenango (33) include the municipalities created in 2015.
    private static readonly int[] MunicipalityCounts =
    [
        17, 8, 16, 16, 14, 14, 19, 8, 24, 21, 9, 30, 33, 21, 8, 17, 14, 5, 11, 11, 7, 17,
    ];

    /// <summary>Name of the department with the given code (1-based).</summary>
    public static string NameOf(int code) => Names[CheckCode(code)];

    /// <summary>Number of municipalities in the department with the given code (1-based).</summary>
    public static int MunicipalityCountOf(int code) => MunicipalityCounts[CheckCode(code)];

    private static int CheckCode(int code)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(code, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, Count);
        return code - 1;
    }
}
