using Microsoft.Extensions.Options;

namespace SosepBot.Mailbox;

/// <summary>Cross-field rules: a configured transport needs its servers and credentials; messages name the setting.</summary>
public sealed class MailboxOptionsValidator : IValidateOptions<MailboxOptions>
{
    public ValidateOptionsResult Validate(string? name, MailboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Address) || !MimeKit.MailboxAddress.TryParse(options.Address, out var parsed)
            || !string.Equals(parsed.Address, options.Address.Trim(), StringComparison.OrdinalIgnoreCase) || !options.Address.Contains('@', StringComparison.Ordinal))
        {
            errors.Add("Mailbox:Address must be the helpdesk's e-mail address when Mailbox:Transport is set.");
        }

        if (options.AllowedDomains.Count == 0 || options.AllowedDomains.Exists(string.IsNullOrWhiteSpace))
        {
            errors.Add("Mailbox:AllowedDomains must list the domains whose people may write (e.g. sosep.gob.gt).");
        }

        if (options.PollInterval <= TimeSpan.Zero || options.IdleRefresh <= TimeSpan.Zero)
        {
            errors.Add("Mailbox:PollInterval and Mailbox:IdleRefresh must be positive.");
        }

        if (options.Transport == MailTransport.Imap)
        {
            Server(options.Imap, "Imap", errors);
            Server(options.Smtp, "Smtp", errors);
        }
        else if (options.Transport == MailTransport.Graph)
        {
            var g = options.Graph;
            foreach (var (value, setting) in new[] { (g.TenantId, "TenantId"), (g.ClientId, "ClientId"), (g.ClientSecret, "ClientSecret") })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    errors.Add($"Mailbox:Graph:{setting} is required when Mailbox:Transport is Graph.");
                }
            }
        }
        else
        {
            errors.Add("Mailbox:Transport must be None, Imap or Graph.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Server(MailServerOptions server, string section, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(server.Host))
        {
            errors.Add($"Mailbox:{section}:Host is required when Mailbox:Transport is Imap.");
        }

        if (server.Port is <= 0 or > 65535)
        {
            errors.Add($"Mailbox:{section}:Port must be between 1 and 65535.");
        }
    }
}
