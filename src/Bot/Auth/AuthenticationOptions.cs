namespace SosepBot.Bot.Auth;

/// <summary>How API callers authenticate. Section "Authentication".</summary>
public sealed class SosepAuthenticationOptions
{
    public const string SectionName = "Authentication";

    /// <summary>Per-person API keys in the X-Api-Key header (the embedded default).</summary>
    public bool ApiKeys { get; set; } = true;

    /// <summary>Entra ID bearer tokens; on when <see cref="EntraIdOptions.TenantId"/> is set.</summary>
    public EntraIdOptions EntraId { get; set; } = new();
}
