namespace SosepBot.Core.Requests;

/// <summary>The request numbers' one format: «UI-2026-00042».</summary>
public static class RequestNumbers
{
    /// <summary>"ui-2026-42", " UI-2026-00042 " → "UI-2026-00042".</summary>
    public static string Normalize(string? number)
    {
        var parts = (number ?? string.Empty).Trim().ToUpperInvariant().Split('-');
        return parts.Length == 3 && parts[0] == "UI" && int.TryParse(parts[1], out var y) && int.TryParse(parts[2], out var n) && n > 0
            ? Format(y, n)
            : (number ?? string.Empty).Trim().ToUpperInvariant();
    }

    public static string Format(int year, int sequence) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"UI-{year}-{sequence:D5}");
}
