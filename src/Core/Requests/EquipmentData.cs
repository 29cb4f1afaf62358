namespace SosepBot.Core.Requests;

/// <summary>What the technician records when reviewing equipment for a dictamen técnico (DS-UI-05 step 3).</summary>
public sealed class EquipmentData
{
    /// <summary>Equipo informático, telefonía…</summary>
    public string? Kind { get; set; }

    public string? Brand { get; set; }

    public string? Model { get; set; }

    public string? Colour { get; set; }

    public string? SerialNumber { get; set; }

    /// <summary>"Número de Bien" (the asset inventory number).</summary>
    public string? AssetNumber { get; set; }

    public string? Findings { get; set; }

    public string? Diagnosis { get; set; }

    public bool IsComplete =>
        !string.IsNullOrWhiteSpace(Brand) && !string.IsNullOrWhiteSpace(Model) &&
        !string.IsNullOrWhiteSpace(Colour) && !string.IsNullOrWhiteSpace(SerialNumber) &&
        !string.IsNullOrWhiteSpace(AssetNumber);

    public IEnumerable<string> MissingFields()
    {
        if (string.IsNullOrWhiteSpace(Brand))
        {
            yield return "marca";
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            yield return "modelo";
        }

        if (string.IsNullOrWhiteSpace(Colour))
        {
            yield return "color";
        }

        if (string.IsNullOrWhiteSpace(SerialNumber))
        {
            yield return "número de serie";
        }

        if (string.IsNullOrWhiteSpace(AssetNumber))
        {
            yield return "número de bien";
        }
    }
}
