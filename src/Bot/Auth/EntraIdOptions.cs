namespace SosepBot.Bot.Auth;

/// <summary>Entra ID (Azure AD) bearer tokens for the API.</summary>
public sealed class EntraIdOptions
{
    /// <summary>The tenant id; empty turns Entra ID off.</summary>
    public string? TenantId { get; set; }

    /// <summary>The API's application id URI or client id, expected as the token's audience.</summary>
    public string? Audience { get; set; }

    /// <summary>The login authority; change only for sovereign clouds or tests.</summary>
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    public bool Enabled => !string.IsNullOrWhiteSpace(TenantId);
}
