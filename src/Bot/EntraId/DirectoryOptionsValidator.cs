using Microsoft.Extensions.Options;
using SosepBot.Core.People;

namespace SosepBot.Bot.EntraId;

/// <summary>A mapped group needs credentials and a known role; the URLs must be https (plain http on loopback, for tests).</summary>
public sealed class DirectoryOptionsValidator : IValidateOptions<DirectoryOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        foreach (var (setting, value) in new[] { ("TenantId", options.TenantId), ("ClientId", options.ClientId), ("ClientSecret", options.ClientSecret) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"Directory:{setting} is required when Directory:Groups maps a group (the secret from an environment variable).");
            }
        }

        foreach (var (group, role) in options.Groups)
        {
            if (!Guid.TryParse(group, out _))
            {
                failures.Add($"Directory:Groups: «{group}» is not an Entra ID group object id (a GUID).");
            }

            if (!RoleNames.TryParse(role, out _))
            {
                failures.Add($"Directory:Groups:{group}: «{role}» is not a role ({string.Join(", ", Enum.GetNames<Role>())}).");
            }
        }

        if (!Uri.TryCreate(options.GraphBaseUrl, UriKind.Absolute, out var graph) || (graph.Scheme != Uri.UriSchemeHttps && !graph.IsLoopback))
        {
            failures.Add("Directory:GraphBaseUrl must be an https URL such as https://graph.microsoft.com/v1.0.");
        }

        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add("Directory:Authority must be an https URL such as https://login.microsoftonline.com/.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
