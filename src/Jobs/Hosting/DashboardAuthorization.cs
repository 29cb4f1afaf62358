using System.Globalization;
using System.Net;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.People;
using SosepBot.Core.SignIn;

namespace SosepBot.Jobs.Hosting;

/// <summary>
/// The dashboard is for the IT director and administrators only (authenticated as for the API — API key or Entra ID
/// token — or by the staff console's sign-in, <paramref name="signInSchemes"/>), and, in the embedded default, only
/// from the machine itself.
/// </summary>
public sealed class DashboardAuthorization(bool loopbackOnly, IReadOnlyList<string> signInSchemes) : IDashboardAsyncAuthorizationFilter
{
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
            user = (await http.AuthenticateAsync()).Principal;
            foreach (var scheme in signInSchemes)
            {
                user = user?.Identity?.IsAuthenticated == true ? user : (await http.AuthenticateAsync(scheme)).Principal;
            }

            // Hangfire answers 403 rather than 401 to someone signed in.
            http.User = user ?? http.User;
        }

        var claim = user?.FindFirst(SignInClaims.PersonId)?.Value;
        if (claim is null || !long.TryParse(claim, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        var person = await http.RequestServices.GetRequiredService<PeopleService>().FindAsync(id, http.RequestAborted);
        return person is { IsActive: true } && RoleNames.JobOperators.Any(person.Holds);
    }
}
