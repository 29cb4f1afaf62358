using Microsoft.Extensions.Options;

namespace SosepBot.Bot.Teams.Manifest;

/// <summary>Each page of <see cref="TeamsManifestOptions"/> is an absolute https URL (Teams refuses the package otherwise).</summary>
public sealed class TeamsManifestOptionsValidator : IValidateOptions<TeamsManifestOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsManifestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.WebsiteUrl))
        {
            failures.Add($"Falta {TeamsManifestOptions.SectionName}:WebsiteUrl, el sitio web que el manifiesto de Teams muestra (https).");
        }
        else
        {
            Check(failures, "WebsiteUrl", options.WebsiteUrl);
        }

        Check(failures, "PrivacyUrl", options.PrivacyUrl);
        Check(failures, "TermsOfUseUrl", options.TermsOfUseUrl);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string setting, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps || value.Contains("{{", StringComparison.Ordinal))
        {
            failures.Add($"{TeamsManifestOptions.SectionName}:{setting} «{value}» no es válido: Teams exige una dirección https completa.");
        }
    }
}
