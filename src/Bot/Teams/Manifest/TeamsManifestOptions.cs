namespace SosepBot.Bot.Teams.Manifest;

/// <summary>
/// The developer's pages the Teams app manifest names (section "Teams:Manifest"); Teams requires https URLs.
/// The privacy and terms pages fall back to the website when they are not set.
/// </summary>
public sealed class TeamsManifestOptions
{
    public const string SectionName = "Teams:Manifest";

    /// <summary>The developer's website (developer.websiteUrl).</summary>
    public string WebsiteUrl { get; set; } = "https://www.sosep.gob.gt";

    /// <summary>The privacy statement (developer.privacyUrl); empty: the website.</summary>
    public string? PrivacyUrl { get; set; }

    /// <summary>The terms of use (developer.termsOfUseUrl); empty: the website.</summary>
    public string? TermsOfUseUrl { get; set; }

    public string EffectivePrivacyUrl => string.IsNullOrWhiteSpace(PrivacyUrl) ? WebsiteUrl : PrivacyUrl.Trim();

    public string EffectiveTermsOfUseUrl => string.IsNullOrWhiteSpace(TermsOfUseUrl) ? WebsiteUrl : TermsOfUseUrl.Trim();
}
