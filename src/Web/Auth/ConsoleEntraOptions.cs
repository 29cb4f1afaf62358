namespace SosepBot.Web.Auth;

/// <summary>
/// «Entrar con Microsoft»: the console as an Entra ID web application (OpenID Connect, authorization code with PKCE).
/// Section "Web:Entra"; on when <see cref="TenantId"/> and <see cref="ClientId"/> are set.
/// </summary>
public sealed class ConsoleEntraOptions
{
    public const string SectionName = "Web:Entra";

    /// <summary>The login authority; change only for sovereign clouds or tests.</summary>
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    public string? TenantId { get; set; }

    /// <summary>The console's application (client) id in Entra ID.</summary>
    public string? ClientId { get; set; }

    /// <summary>The application's client secret (never logged).</summary>
    public string? ClientSecret { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(ClientId);

    public string Authority => $"{Instance.TrimEnd('/')}/{TenantId}/v2.0";

    /// <summary>Metadata over plain HTTP only for a loopback stand-in (tests); Entra ID itself is HTTPS.</summary>
    public bool RequireHttpsMetadata => !(Uri.TryCreate(Instance, UriKind.Absolute, out var instance) && instance.IsLoopback);
}
