using System.Globalization;

namespace SosepBot.Web.Console;

/// <summary>What an action's form posts; every field optional (Core says which ones an action needs).</summary>
public sealed class ActionForm
{
    public string? Accion { get; set; }

    public int? Version { get; set; }

    public string? Texto { get; set; }

    public long? Asignado { get; set; }

    public string? Probadores { get; set; }

    public DateOnly? FinPlan { get; set; }

    public DateOnly? NuevaFecha { get; set; }

    public List<string>? Limpieza { get; set; }

    public string? Marca { get; set; }

    public string? Modelo { get; set; }

    public string? Color { get; set; }

    public string? Serie { get; set; }

    public string? Bien { get; set; }

    public string? Hallazgos { get; set; }

    public string? Diagnostico { get; set; }

    public static string Id(string action, string field) => string.Create(CultureInfo.InvariantCulture, $"{action}-{field}");
}
