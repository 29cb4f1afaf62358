using System.Globalization;
using System.Net;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.People;

namespace SosepBot.Jobs.Hosting;

/// <summary>
/// The dashboard is for the IT director and administrators only (authenticated as for the API: API key or
/// Entra ID token), and, in the embedded default, only from the machine itself.
/// </summary>
public sealed class DashboardAuthorization(bool loopbackOnly) : IDashboardAsyncAuthorizationFilter
{
    /// <summary>The person-id claim the host's authentication adds (SosepBot.Bot.Auth.SosepClaims.PersonId).</summary>
    public const string PersonIdClaim = "sosep:person_id";

    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        // From this machine only — and not relayed by a reverse proxy on it, which makes every caller look local.
        var remote = http.Connection.RemoteIpAddress;
        if (loopbackOnly && (remote is null || !IPAddress.IsLoopback(remote) || RelayedRequests.IsRelayedByProxy(http.Request)))
        {
            return false;
        }

        var user = http.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            var result = await http.AuthenticateAsync();
            user = result.Principal;
        }

        var claim = user?.FindFirst(PersonIdClaim)?.Value;
        if (claim is null || !long.TryParse(claim, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        var person = await http.RequestServices.GetRequiredService<PeopleService>().FindAsync(id, http.RequestAborted);
        return person is { IsActive: true } && JobRunner.Operators.Any(person.Holds);
    }
}
