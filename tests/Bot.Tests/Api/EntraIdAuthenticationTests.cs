using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Headers;
using SosepBot.Bot.Tests.Fakes;
using SosepBot.Core.People;

namespace SosepBot.Bot.Tests.Api;

/// <summary>Entra ID bearer tokens, validated against a real OpenID metadata/JWKS service on loopback.</summary>
public sealed class EntraIdAuthenticationTests : IAsyncLifetime
{
    private const string Audience = "api://sosepbot";
    private FakeOpenIdServer _idp = null!;
    private SosepApiFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _idp = await FakeOpenIdServer.StartAsync();
        _factory = new SosepApiFactory(new Dictionary<string, string?>
        {
            ["Authentication:EntraId:TenantId"] = _idp.Tenant,
            ["Authentication:EntraId:Audience"] = Audience,
            ["Authentication:EntraId:Instance"] = _idp.Instance,
        });
        await using var scope = _factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PeopleService>().UpsertAsync(new PersonInput
        {
            Email = "rosa.diaz@sosep.gob.gt",
            DisplayName = "Rosa Díaz",
            AadObjectId = "00000000-0000-0000-0000-0000000000020",
            Roles = ["InfraHead"],
        }, default);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _idp.DisposeAsync();
    }

    [Fact]
    public async Task Me_ValidTokenOfRegisteredPerson_IsThatPerson()
    {
        var response = await Call(_idp.Token(Audience, "00000000-0000-0000-0000-0000000000020"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.ReadJsonAsync();
        Assert.Equal("Rosa Díaz", me["name"]!.GetValue<string>());
        Assert.Equal("InfraHead", me["roles"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Me_UnknownObjectIdButRegisteredEmail_IsThatPerson()
    {
        var response = await Call(_idp.Token(Audience, "another-object-id", email: "Rosa.Diaz@sosep.gob.gt"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("wrong-audience")]
    [InlineData("wrong-issuer")]
    [InlineData("expired")]
    [InlineData("unregistered")]
    [InlineData("garbage")]
    public async Task Me_BadToken_Is401InSpanish(string kind)
    {
        var token = kind switch
        {
            "wrong-audience" => _idp.Token("api://otra-app", "00000000-0000-0000-0000-0000000000020"),
            "wrong-issuer" => _idp.Token(Audience, "00000000-0000-0000-0000-0000000000020", issuer: "https://login.example.com/x/v2.0"),
            "expired" => _idp.Token(Audience, "00000000-0000-0000-0000-0000000000020", lifetime: TimeSpan.FromMinutes(-30)),
            "unregistered" => _idp.Token(Audience, "nobody", email: "nadie@sosep.gob.gt"),
            _ => "abc.def.ghi",
        };

        var response = await Call(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("token", (await response.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<HttpResponseMessage> Call(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync(new Uri("/api/me", UriKind.Relative));
    }
}
