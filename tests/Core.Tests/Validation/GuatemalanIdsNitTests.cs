using System.Globalization;
using SosepBot.Core.Validation;

namespace SosepBot.Core.Tests.Validation;

public sealed class GuatemalanIdsNitTests
{
    [Theory]
    [InlineData("1669394-9", "1669394-9")]
    [InlineData("16693949", "1669394-9")]
    [InlineData(" 1669394 - 9 ", "1669394-9")]
    [InlineData("166 9394 9", "1669394-9")]
    [InlineData("1234561-K", "1234561-K")]
    [InlineData("1234561-k", "1234561-K")]
    [InlineData("1234561k", "1234561-K")]
    [InlineData("1234563-6", "1234563-6")]
    [InlineData("6-K", "6-K")]
    [InlineData("6k", "6-K")]
    [InlineData("11-6", "11-6")]
    [InlineData("123456789012-0", "123456789012-0")]
    public void ValidateNit_ValidLiteral_IsValidAndNormalized(string input, string normalized)
    {
        var result = GuatemalanIds.ValidateNit(input);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(normalized, result.Normalized);
        Assert.Null(result.Error);
    }

    [Fact]
    public void ValidateNit_ComputedVectors_AreValidAndEveryOtherCheckIsRejected()
    {
        var checks = "0123456789K";
        var sawK = false;
        var sawZero = false;
        for (long body = 1; body < 20_000_000; body += 7_919)
        {
            var text = body.ToString(CultureInfo.InvariantCulture);
            var expected = NitCheck(text);
            sawK |= expected == 'K';
            sawZero |= expected == '0';
            foreach (var check in checks)
            {
                var result = GuatemalanIds.ValidateNit($"{text}-{check}");
                Assert.Equal(check == expected, result.IsValid);
                Assert.Equal($"{text}-{check}", result.Normalized);
            }
        }

        Assert.True(sawK && sawZero);
    }

    [Theory]
    [InlineData("1669394-8", "El NIT no es válido: el dígito verificador no corresponde.")]
    [InlineData("1669394-K", "El NIT no es válido: el dígito verificador no corresponde.")]
    [InlineData("1234563-K", "El NIT no es válido: el dígito verificador no corresponde.")]
    [InlineData("", "El NIT es obligatorio.")]
    [InlineData("  ", "El NIT es obligatorio.")]
    [InlineData("-", "El NIT es obligatorio.")]
    [InlineData(null, "El NIT es obligatorio.")]
    [InlineData("9", "El NIT debe tener de 1 a 12 dígitos seguidos del dígito verificador; se recibieron 0 antes del dígito verificador.")]
    [InlineData("1234567890123-4", "El NIT debe tener de 1 a 12 dígitos seguidos del dígito verificador; se recibieron 13 antes del dígito verificador.")]
    public void ValidateNit_InvalidLiteral_IsRejectedWithSpanishMessage(string? input, string expected)
    {
        var result = GuatemalanIds.ValidateNit(input);

        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Error);
    }

    [Theory]
    [InlineData("16A9394-9")]
    [InlineData("K669394-9")]
    [InlineData("1669394-X")]
    [InlineData("1669394/9")]
    [InlineData("CF")]
    public void ValidateNit_NonDigitCharacters_SaysOnlyDigitsAndFinalKAreAllowed(string input)
    {
        var result = GuatemalanIds.ValidateNit(input);

        Assert.False(result.IsValid);
        Assert.Equal(
            "El NIT solo puede contener dígitos, con la letra K permitida únicamente como dígito verificador final.",
            result.Error);
    }

    /// <summary>
    /// Independent module-11 check: walks the body from the right with weights 2, 3, 4…
    /// </summary>
    private static char NitCheck(string body)
    {
        var sum = body.Reverse().Select((c, i) => (c - '0') * (i + 2)).Sum();
        var r = 11 - (sum % 11);
        return r switch
        {
            11 => '0',
            10 => 'K',
            _ => (char)('0' + r),
        };
    }
}
