using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Groups.Item.TransitiveMembers.GraphUser;
using Microsoft.Identity.Client;
using Microsoft.Kiota.Abstractions.Authentication;
using SosepBot.Core.People;

namespace SosepBot.Bot.EntraId;

/// <summary>
/// Reads the members of the mapped Entra ID groups with Microsoft Graph (transitive members that are users, every
/// page through @odata.nextLink), with an application token from MSAL (client credentials). A group that cannot be
/// read fails the whole read: a partial list must never revoke anybody's roles.
/// </summary>
public sealed class EntraDirectory : IAccessTokenProvider, IDisposable
{
    public const string HttpClientName = "entra-directory";

    private static readonly string[] Fields = ["id", "displayName", "mail", "userPrincipalName", "department", "accountEnabled"];
    private readonly DirectoryOptions _options;
    private readonly Lazy<IConfidentialClientApplication> _app;
    private readonly GraphServiceClient _graph;
    private readonly string _scope;

    public EntraDirectory(IOptions<DirectoryOptions> options, IMsalHttpClientFactory msalHttp, IHttpClientFactory http)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        var baseUrl = new Uri(_options.GraphBaseUrl.TrimEnd('/'));
        _scope = $"{baseUrl.Scheme}://{baseUrl.Authority}/.default";
        AllowedHostsValidator = new AllowedHostsValidator([baseUrl.Host]);
        _app = new Lazy<IConfidentialClientApplication>(() => ConfidentialClientApplicationBuilder.Create(_options.ClientId)
            .WithClientSecret(_options.ClientSecret)
            .WithAuthority(new Uri(new Uri(_options.Authority), _options.TenantId), validateAuthority: true)
            .WithHttpClientFactory(msalHttp)
            .Build());
        _graph = new GraphServiceClient(http.CreateClient(HttpClientName), new BaseBearerTokenAuthenticationProvider(this), baseUrl.ToString());
    }

    public AllowedHostsValidator AllowedHostsValidator { get; }

    /// <summary>Every user in the mapped groups, with the roles of all their groups.</summary>
    public async Task<IReadOnlyList<DirectoryPerson>> MembersAsync(CancellationToken cancellationToken)
    {
        var members = new Dictionary<string, (Microsoft.Graph.Models.User User, HashSet<Role> Roles)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (group, roleName) in _options.Groups)
        {
            if (!RoleNames.TryParse(roleName, out var role))
            {
                continue; // refused at start by DirectoryOptionsValidator
            }

            var page = await _graph.Groups[group].TransitiveMembers.GraphUser.GetAsync(r =>
            {
                r.QueryParameters.Select = Fields;
                r.QueryParameters.Top = 999;
            }, cancellationToken);
            while (page is not null)
            {
                foreach (var user in (page.Value ?? []).Where(u => u.Id is not null))
                {
                    if (!members.TryGetValue(user.Id!, out var known))
                    {
                        members[user.Id!] = known = (user, []);
                    }

                    known.Roles.Add(role);
                }

                page = page.OdataNextLink is { } next
                    ? await new GraphUserRequestBuilder(next, _graph.RequestAdapter).GetAsync(cancellationToken: cancellationToken)
                    : null;
            }
        }

        return members.Values.Select(m => new DirectoryPerson(
            m.User.Id!,
            m.User.Mail ?? m.User.UserPrincipalName,
            m.User.DisplayName ?? m.User.UserPrincipalName ?? m.User.Id!,
            m.User.Department,
            m.User.AccountEnabled ?? true,
            m.Roles)).ToList();
    }

    public void Dispose() => _graph.Dispose();

    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        var result = await _app.Value.AcquireTokenForClient([_scope]).ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }
}
