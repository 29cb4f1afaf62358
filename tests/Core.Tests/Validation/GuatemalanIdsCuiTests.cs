using System.Globalization;
using SosepBot.Core.Validation;

namespace SosepBot.Core.Tests.Validation;

public sealed class GuatemalanIdsCuiTests
{
    // Department names and municipality counts as published by INE/RENAP (2015 onwards).
    private static readonly (string Name, int Municipalities)[] Departments =
    [
        ("Guatemala", 17), ("El Progreso", 8), ("Sacatepéquez", 16), ("Chimaltenango", 16),
        ("Escuintla", 14), ("Santa Rosa", 14), ("Sololá", 19), ("Totonicapán", 8),
        ("Quetzaltenango", 24), ("Suchitepéquez", 21), ("Retalhuleu", 9), ("San Marcos", 30),
        ("Huehuetenango", 33), ("Quiché", 21), ("Baja Verapaz", 8), ("Alta Verapaz", 17),
        ("Petén", 14), ("Izabal", 5), ("Zacapa", 11), ("Chiquimula", 11), ("Jalapa", 7),
        ("Jutiapa", 17),
    ];

    [Theory]
    [InlineData("1234567890101")]
    [InlineData("1234 56789 0101")]
    [InlineData("1234-56789-0101")]
    [InlineData(" 12345678 9 01 01 ")]
    public void ValidateCui_ValidLiteral_IsValidAndNormalizedToDigits(string input)
    {
        var result = GuatemalanIds.ValidateCui(input);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal("1234567890101", result.Normalized);
        Assert.Null(result.Error);
    }

    [Fact]
    public void ValidateCui_ComputedForEveryDepartmentAndMunicipality_IsValid()
    {
        var numbers = new[] { 1, 2470945, 12345678, 30000001, 55512345, 87654321, 99999999 };
        var checkedCount = 0;
        foreach (var number in numbers)
        {
            for (var department = 1; department <= Departments.Length; department++)
            {
                for (var municipality = 1; municipality <= Departments[department - 1].Municipalities; municipality++)
                {
                    var cui = MakeCui(number, department, municipality);
                    if (cui is null)
                    {
                        continue;
                    }

                    var result = GuatemalanIds.ValidateCui(cui);
                    Assert.True(result.IsValid, $"{cui}: {result.Error}");
                    Assert.Equal(cui, result.Normalized);
                    checkedCount++;
                }
            }
        }

        Assert.True(checkedCount > 1000);
    }

    [Fact]
    public void ValidateCui_EveryWrongCheckDigit_IsRejectedWithoutRevealingIt()
    {
        for (var number = 10000000; number < 10000050; number++)
        {
            var valid = MakeCui(number, 1, 1);
            for (var digit = '0'; digit <= '9'; digit++)
            {
                var candidate = $"{number.ToString(CultureInfo.InvariantCulture)}{digit}0101";
                if (candidate == valid)
                {
                    continue;
                }

                var result = GuatemalanIds.ValidateCui(candidate);
                Assert.False(result.IsValid, candidate);
                Assert.Equal("El CUI no es válido: el dígito verificador no corresponde.", result.Error);
            }
        }
    }

    [Fact]
    public void ValidateCui_NumberWhoseRemainderIsTen_IsRejectedForAnyCheckDigit()
    {
        var number = Enumerable.Range(10000000, 100).First(n => MakeCui(n, 1, 1) is null);

        for (var digit = 0; digit <= 9; digit++)
        {
            var result = GuatemalanIds.ValidateCui(string.Create(CultureInfo.InvariantCulture, $"{number}{digit}0101"));
            Assert.False(result.IsValid);
            Assert.Equal("El CUI no es válido: el dígito verificador no corresponde.", result.Error);
        }
    }

    [Theory]
    [InlineData("1234567800101", "El CUI no es válido: el dígito verificador no corresponde.")]
    [InlineData("1234567892301", "El CUI no es válido: el departamento 23 no existe (debe ser de 01 a 22).")]
    [InlineData("1234567890001", "El CUI no es válido: el departamento 00 no existe (debe ser de 01 a 22).")]
    [InlineData("1234567890118", "El CUI no es válido: el municipio 18 no existe en el departamento de Guatemala (tiene 17 municipios).")]
    [InlineData("1234567890100", "El CUI no es válido: el municipio 00 no existe en el departamento de Guatemala (tiene 17 municipios).")]
    [InlineData("1234567891334", "El CUI no es válido: el municipio 34 no existe en el departamento de Huehuetenango (tiene 33 municipios).")]
    [InlineData("1234567890515", "El CUI no es válido: el municipio 15 no existe en el departamento de Escuintla (tiene 14 municipios).")]
    [InlineData("123456789010", "El CUI debe tener 13 dígitos; se recibieron 12.")]
    [InlineData("12345678901011", "El CUI debe tener 13 dígitos; se recibieron 14.")]
    [InlineData("", "El CUI es obligatorio.")]
    [InlineData("   ", "El CUI es obligatorio.")]
    [InlineData(" - - ", "El CUI es obligatorio.")]
    [InlineData(null, "El CUI es obligatorio.")]
    public void ValidateCui_InvalidLiteral_IsRejectedWithSpanishMessage(string? input, string expected)
    {
        var result = GuatemalanIds.ValidateCui(input);

        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Error);
    }

    [Theory]
    [InlineData("12345678901O1")]
    [InlineData("1234.56789.0101")]
    [InlineData("CUI 1234567890101")]
    [InlineData("١٢٣٤٥٦٧٨٩٠١٠١")]
    public void ValidateCui_NonDigitCharacters_SaysOnlyDigitsAreAllowed(string input)
    {
        var result = GuatemalanIds.ValidateCui(input);

        Assert.False(result.IsValid);
        Assert.Equal(
            "El CUI solo puede contener dígitos (se permiten espacios y guiones como separadores).",
            result.Error);
    }

    [Fact]
    public void ValidateCui_MunicipalityJustAboveEachDepartmentCount_NamesDepartmentAndCount()
    {
        for (var department = 1; department <= Departments.Length; department++)
        {
            var (name, count) = Departments[department - 1];
            var lastValid = MakeCui(12345678, department, count)!;
            Assert.True(GuatemalanIds.ValidateCui(lastValid).IsValid, lastValid);

            var beyond = string.Create(CultureInfo.InvariantCulture, $"{lastValid[..11]}{count + 1:00}");
            var result = GuatemalanIds.ValidateCui(beyond);
            Assert.False(result.IsValid, beyond);
            Assert.Equal(
                $"El CUI no es válido: el municipio {count + 1:00} no existe en el departamento de {name} (tiene {count} municipios).",
                result.Error);
        }
    }

    /// <summary>
    /// Builds a CUI independently of the production code: digits are peeled from the right of
    /// the integer, where the rightmost of the 8 digits weighs 9 and the leftmost weighs 2.
    /// Returns null when the number has no valid check digit (remainder 10).
    /// </summary>
    private static string? MakeCui(int number, int department, int municipality)
    {
        var rest = number;
        var total = 0;
        for (var weight = 9; weight >= 2; weight--)
        {
            total += rest % 10 * weight;
            rest /= 10;
        }

        var check = total % 11;
        return check == 10
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{number:00000000}{check}{department:00}{municipality:00}");
    }
}
