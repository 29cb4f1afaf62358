using System.Globalization;
using System.Text;

namespace SosepBot.Core.Validation;

/// <summary>
/// Checks the Guatemalan identifiers the helpdesk receives: the CUI of the DPI and the NIT.
/// Error messages are Spanish sentences meant for the user.
/// </summary>
public static class GuatemalanIds
{
    private const int CuiLength = 13;
    private const int NitMaxBodyLength = 12;

    /// <summary>
    /// Checks a CUI (Código Único de Identificación, the 13 digits of the DPI).
    /// Spaces and dashes are accepted as separators ("2470 94563 0101").
    /// </summary>
    public static IdCheckResult ValidateCui(string? value)
    {
        var digits = RemoveSeparators(value);
        if (digits.Length == 0)
        {
            return IdCheckResult.Invalid(string.Empty, "El CUI es obligatorio.");
        }

        if (!digits.All(char.IsAsciiDigit))
        {
            return IdCheckResult.Invalid(
                digits,
                "El CUI solo puede contener dígitos (se permiten espacios y guiones como separadores).");
        }

        if (digits.Length != CuiLength)
        {
            return IdCheckResult.Invalid(
                digits,
                $"El CUI debe tener {CuiLength} dígitos; se recibieron {digits.Length}.");
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += Digit(digits[i]) * (i + 2);
        }

        var expected = sum % 11;
        if (expected == 10 || expected != Digit(digits[8]))
        {
            return IdCheckResult.Invalid(digits, "El CUI no es válido: el dígito verificador no corresponde.");
        }

        var departmentText = digits.Substring(9, 2);
        var department = int.Parse(departmentText, NumberStyles.None, CultureInfo.InvariantCulture);
        if (department is < 1 or > GuatemalaDepartments.Count)
        {
            return IdCheckResult.Invalid(
                digits,
                $"El CUI no es válido: el departamento {departmentText} no existe (debe ser de 01 a {GuatemalaDepartments.Count:00}).");
        }

        var municipalityText = digits.Substring(11, 2);
        var municipality = int.Parse(municipalityText, NumberStyles.None, CultureInfo.InvariantCulture);
        var municipalityCount = GuatemalaDepartments.MunicipalityCountOf(department);
        if (municipality < 1 || municipality > municipalityCount)
        {
            return IdCheckResult.Invalid(
                digits,
                $"El CUI no es válido: el municipio {municipalityText} no existe en el departamento de "
                + $"{GuatemalaDepartments.NameOf(department)} (tiene {municipalityCount} municipios).");
        }

        return IdCheckResult.Valid(digits);
    }

    /// <summary>
    /// Checks a NIT (Número de Identificación Tributaria): 1 to 12 digits followed by a check
    /// character (a digit or K, either case). Spaces and dashes are accepted ("1669394-9",
    /// "16693949", "1234561-k"). The normalized form is "body-check" with an uppercase K.
    /// </summary>
    public static IdCheckResult ValidateNit(string? value)
    {
        var compact = RemoveSeparators(value).ToUpperInvariant();
        if (compact.Length == 0)
        {
            return IdCheckResult.Invalid(string.Empty, "El NIT es obligatorio.");
        }

        var body = compact[..^1];
        var check = compact[^1];
        if (!body.All(char.IsAsciiDigit) || !(char.IsAsciiDigit(check) || check == 'K'))
        {
            return IdCheckResult.Invalid(
                compact,
                "El NIT solo puede contener dígitos, con la letra K permitida únicamente como dígito verificador final.");
        }

        if (body.Length is 0 or > NitMaxBodyLength)
        {
            return IdCheckResult.Invalid(
                compact,
                $"El NIT debe tener de 1 a {NitMaxBodyLength} dígitos seguidos del dígito verificador; "
                + $"se recibieron {body.Length} antes del dígito verificador.");
        }

        var normalized = $"{body}-{check}";
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            sum += Digit(body[i]) * (body.Length + 1 - i);
        }

        var remainder = (11 - (sum % 11)) % 11;
        var expected = remainder == 10 ? 'K' : (char)('0' + remainder);
        return check == expected
            ? IdCheckResult.Valid(normalized)
            : IdCheckResult.Invalid(normalized, "El NIT no es válido: el dígito verificador no corresponde.");
    }

    private static int Digit(char c) => c - '0';

    private static string RemoveSeparators(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (!char.IsWhiteSpace(c) && c != '-')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
