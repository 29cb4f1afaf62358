using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Identity.Client;
using SosepBot.Bot.EntraId;
using SosepBot.Bot.Tests.Fakes;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;

namespace SosepBot.Bot.Tests.EntraId;

/// <summary>
/// Roles from Entra ID groups through Microsoft Graph, against a loopback stand-in serving Entra's token endpoint
/// (reached by MSAL) and Graph's transitiveMembers/microsoft.graph.user pages with @odata.nextLink.
/// </summary>
public sealed class EntraDirectorySyncTests : IAsyncLifetime
{
    private const string Technicians = "6f1c2b8e-0c3a-4c1e-9a51-3b7f2f0e9a01";
    private const string Heads = "a2b4c6d8-1e3f-4a5b-8c7d-9e0f1a2b3c4d";
    private const string Token = "token-de-graph";
    private readonly ConcurrentQueue<string> _graphCalls = new();
    private WebApplication _standIn = null!;
    private SosepApiFactory _factory = null!;
    private bool _headsFail;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _standIn = builder.Build();
        FakeEntraLogin.Map(_standIn, "sosep-tenant", form =>
            form["grant_type"] == "client_credentials" && form["client_secret"] == "secreto" && form["scope"].ToString().EndsWith("/.default", StringComparison.Ordinal)
                ? FakeEntraLogin.Token(Token)
                : Results.Json(new { error = "invalid_client" }, statusCode: 401));
        // Graph answers the cast segment in its long and short forms; the SDK sends the short one.
        _standIn.MapGet("/v1.0/groups/{group}/transitiveMembers/{cast}", (HttpContext http, string group, string cast) =>
        {
            if (cast is not ("graph.user" or "microsoft.graph.user"))
            {
                return Results.Json(new { error = new { code = "BadRequest", message = "Unknown cast." } }, statusCode: 400);
            }

            _graphCalls.Enqueue($"{http.Request.Headers.Authorization} {group} {http.Request.QueryString}");
            if (http.Request.Headers.Authorization != $"Bearer {Token}")
            {
                return Results.Json(new { error = new { code = "InvalidAuthenticationToken", message = "Access token is empty." } }, statusCode: 401);
            }

            var self = $"{Address}{http.Request.Path}";
            return group switch
            {
                Technicians when !http.Request.Query.ContainsKey("$skiptoken") => Page([User("aad-beto", "beto@sosep.gob.gt", "Roberto Gómez", "Informática")], $"{self}?$skiptoken=p2"),
                Technicians => Page([User("aad-carla", null, "Carla Ruiz", "Informática", upn: "carla@sosep.gob.gt")], null),
                Heads when _headsFail => Results.Json(new { error = new { code = "ServiceNotAvailable", message = "Try later." } }, statusCode: 503),
                Heads => Page([User("aad-carla", null, "Carla Ruiz", "Informática", upn: "carla@sosep.gob.gt")], null),
                _ => Results.Json(new { error = new { code = "Request_ResourceNotFound", message = "No such group." } }, statusCode: 404),
            };
        });
        await _standIn.StartAsync();
        Address = _standIn.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        _factory = new SosepApiFactory(new Dictionary<string, string?>
        {
            [$"Directory:Groups:{Technicians}"] = "Technician",
            [$"Directory:Groups:{Heads}"] = "Jefe de Infraestructura y HelpDesk",
            ["Directory:TenantId"] = "sosep-tenant",
            ["Directory:ClientId"] = "11111111-2222-3333-4444-555555555555",
            ["Directory:ClientSecret"] = "secreto",
            ["Directory:GraphBaseUrl"] = $"{Address}/v1.0",
            ["Directory:Interval"] = "7.00:00:00",
        }, services => services.AddSingleton<IMsalHttpClientFactory>(new RedirectingMsalHttpClientFactory(Address)));
    }

    private string Address { get; set; } = string.Empty;

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _standIn.DisposeAsync();
    }

    [Fact]
    public async Task Sync_GroupsThroughGraph_RolesFollowTheGroupsAndAFailedReadChangesNothing()
    {
        await _factory.ClientForAsync("Ana Pérez", Role.Technician); // holds a managed role, in no group
        var sync = _factory.Services.GetRequiredService<DirectorySyncService>();

        // The service also ran it at start, maybe before Ana was registered: what is checked is the state after a run.
        await sync.RunOnceAsync(CancellationToken.None);

        var people = await PeopleAsync();
        Assert.Equal("", people[SosepApiFactory.EmailOf("Ana Pérez")]);
        Assert.Equal("Technician", people["beto@sosep.gob.gt"]);
        Assert.Equal("InfraHead,Technician", people["carla@sosep.gob.gt"]);
        Assert.All(_graphCalls, c => Assert.StartsWith($"Bearer {Token} ", c, StringComparison.Ordinal));
        Assert.Contains(_graphCalls, c => c.Contains("skiptoken=p2", StringComparison.Ordinal));
        Assert.Equal(new DirectorySyncResult(0, 0, 0, 0, 0, 0), await sync.RunOnceAsync(CancellationToken.None));

        // Carla leaves the heads' group but Graph fails on it: nothing is applied, not even a partial list.
        _headsFail = true;
        await Assert.ThrowsAnyAsync<Exception>(() => sync.RunOnceAsync(CancellationToken.None));
        Assert.Equal("InfraHead,Technician", (await PeopleAsync())["carla@sosep.gob.gt"]);
    }

    private static IResult Page(object[] users, string? next)
    {
        var body = new Dictionary<string, object> { ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#users", ["value"] = users };
        if (next is not null)
        {
            body["@odata.nextLink"] = next;
        }

        return Results.Json(body);
    }

    private static Dictionary<string, object?> User(string id, string? mail, string name, string department, string? upn = null) => new()
    {
        ["@odata.type"] = "#microsoft.graph.user",
        ["id"] = id,
        ["mail"] = mail,
        ["userPrincipalName"] = upn ?? mail,
        ["displayName"] = name,
        ["department"] = department,
        ["accountEnabled"] = true,
    };

    private async Task<Dictionary<string, string>> PeopleAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<SosepDbContext>().People.AsNoTracking().Include(p => p.Roles).ToListAsync())
            .ToDictionary(p => p.Email, p => string.Join(",", p.Roles.Select(r => r.Role.ToString()).Order(StringComparer.Ordinal)));
    }
}
