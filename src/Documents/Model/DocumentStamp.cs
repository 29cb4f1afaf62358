namespace SosepBot.Documents.Model;

/// <summary>What every document prints: the request number, the document's date (Guatemala) and its version.</summary>
internal sealed record DocumentStamp(string Number, DateTime LocalDate, int Version)
{
    public string DateText => LocalDate.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public string Footer => $"Solicitud {Number} · versión {Version} · generado por la mesa de ayuda de la Unidad de Informática el {LocalDate.ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture)}";
}
