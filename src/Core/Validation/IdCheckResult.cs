namespace SosepBot.Core.Validation;

/// <summary>
/// Outcome of checking a Guatemalan identifier (CUI or NIT).
/// </summary>
/// <param name="IsValid">Whether the identifier passed every check.</param>
/// <param name="Normalized">
/// The canonical form when valid (CUI: 13 digits; NIT: "body-check" with an uppercase K).
/// When invalid, the input with separators removed (empty when the input was empty),
/// useful only for logging at Trace level.
/// </param>
/// <param name="Error">A Spanish sentence for the user when invalid; null when valid.</param>
public sealed record IdCheckResult(bool IsValid, string Normalized, string? Error)
{
    internal static IdCheckResult Valid(string normalized) => new(true, normalized, null);

    internal static IdCheckResult Invalid(string normalized, string error) => new(false, normalized, error);
}
