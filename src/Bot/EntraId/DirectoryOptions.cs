using System.ComponentModel.DataAnnotations;

namespace SosepBot.Bot.EntraId;

/// <summary>
/// Roles from Entra ID groups (section "Directory"): off unless <see cref="Groups"/> maps at least one group. The app
/// registration needs the Microsoft Graph application permission GroupMember.Read.All (and User.Read.All for the
/// members' mail and department), granted by an administrator.
/// </summary>
public sealed class DirectoryOptions
{
    public const string SectionName = "Directory";

    /// <summary>Entra ID group object id → role ("Tecnico", "InfraHead", "Técnico de Hardware y Software"…).</summary>
    public Dictionary<string, string> Groups { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Secret of the app registration: an environment variable (Directory__ClientSecret), never the file.</summary>
    public string? ClientSecret { get; set; }

    [Required]
    public string Authority { get; set; } = "https://login.microsoftonline.com/";

    [Required]
    public string GraphBaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>How often the groups are read again.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00", ErrorMessage = "Directory:Interval must be between 00:05:00 and 7.00:00:00.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    public bool Enabled => Groups.Count > 0;
}
