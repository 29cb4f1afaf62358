namespace SosepBot.Mailbox;

/// <summary>The Microsoft 365 mailbox (application permissions Mail.ReadWrite and Mail.Send).</summary>
public sealed class GraphMailOptions
{
    /// <summary>Graph's root; a local stand-in in tests.</summary>
    public Uri BaseUrl { get; set; } = new("https://graph.microsoft.com/v1.0");

    /// <summary>Where tokens come from: {Authority}/{TenantId}/oauth2/v2.0/token.</summary>
    public Uri Authority { get; set; } = new("https://login.microsoftonline.com");

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Secret: from an environment variable or user secrets; never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The mailbox (user principal name or id); defaults to <see cref="MailboxOptions.Address"/>.</summary>
    public string? User { get; set; }

    /// <summary>Mail folder watched with the delta query.</summary>
    public string Folder { get; set; } = "inbox";
}
