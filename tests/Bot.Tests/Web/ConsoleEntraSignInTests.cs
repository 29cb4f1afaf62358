using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Bot.Tests.Fakes;
using SosepBot.Core.People;

namespace SosepBot.Bot.Tests.Web;

/// <summary>
/// «Entrar con Microsoft»: the console's OpenID Connect sign-in (code + PKCE) against a loopback stand-in for Entra ID,
/// redirects followed by hand between the console (in process, with its cookies) and the provider (real HTTP).
/// </summary>
public sealed class ConsoleEntraSignInTests : IAsyncLifetime
{
    private const string RosaObjectId = "00000000-0000-0000-0000-0000000000020";
    private FakeOpenIdServer _idp = null!;
    private SosepApiFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _idp = await FakeOpenIdServer.StartAsync();
        _factory = new SosepApiFactory(new Dictionary<string, string?>
        {
            ["Web:Entra:Instance"] = _idp.Instance,
            ["Web:Entra:TenantId"] = _idp.Tenant,
            ["Web:Entra:ClientId"] = _idp.Client.Id,
            ["Web:Entra:ClientSecret"] = _idp.Client.Secret,
            ["Jobs:Enabled"] = "false",
        });
        // The provider's tokens and the handler's nonce and correlation cookies live in real time.
        _factory.Time.SetUtcNow(DateTimeOffset.UtcNow);
        await using var scope = _factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PeopleService>().UpsertAsync(new PersonInput
        {
            Email = "rosa.diaz@sosep.gob.gt", DisplayName = "Rosa Díaz", AadObjectId = RosaObjectId, Roles = ["InfraHead"],
        }, default);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _idp.DisposeAsync();
    }

    [Fact]
    public async Task Entrar_EntraConfigured_OffersEntrarConMicrosoft()
    {
        using var client = Browser();

        var page = await client.GetStringAsync(new Uri("/entrar", UriKind.Relative));

        Assert.Contains("href=\"/entrar/microsoft\"", page, StringComparison.Ordinal);
        Assert.Contains(">Entrar con Microsoft</a>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_RegisteredObjectId_OpensPendientesWithTheConsoleCookie()
    {
        _idp.SignedInUser = new OpenIdUser(RosaObjectId, "otra.cuenta@sosep.gob.gt", "Rosa D.");
        using var client = Browser();

        var back = await SignInWithMicrosoftAsync(client, "/entrar/microsoft");

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/", back.Headers.Location?.OriginalString);
        var cookie = back.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sosep.consola=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("<h1>Pendientes</h1>", home, StringComparison.Ordinal);
        Assert.Contains("Rosa Díaz", home, StringComparison.Ordinal); // the registered name, not the token's
        Assert.Equal(1, _idp.Redeemed);
    }

    [Fact]
    public async Task SignIn_UnknownObjectIdButRegisteredEmail_IsThatPerson_AndGoesBackWhereAsked()
    {
        _idp.SignedInUser = new OpenIdUser("another-object-id", "Rosa.Diaz@sosep.gob.gt", "Rosa Díaz");
        using var client = Browser();

        var back = await SignInWithMicrosoftAsync(client, "/entrar/microsoft?volver=%2Fsolicitudes");

        Assert.Equal("/solicitudes", back.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/solicitudes", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task SignIn_AnotherSiteAsVolver_GoesHomeInstead()
    {
        _idp.SignedInUser = new OpenIdUser(RosaObjectId, null, "Rosa Díaz");
        using var client = Browser();

        var back = await SignInWithMicrosoftAsync(client, "/entrar/microsoft?volver=%2F%2Fejemplo.com%2F");

        Assert.Equal("/", back.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_NobodyRegistered_ShowsTheSpanishPageAndWhomToAsk_WithoutSigningIn()
    {
        _idp.SignedInUser = new OpenIdUser("nobody", "nadie@sosep.gob.gt", "Nadie");
        using var client = Browser();

        var back = await SignInWithMicrosoftAsync(client, "/entrar/microsoft");
        Assert.Equal("/entrar/sin-cuenta", back.Headers.Location?.OriginalString);
        var page = await client.GetAsync(back.Headers.Location);

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Su cuenta no está registrada", html, StringComparison.Ordinal);
        Assert.Contains("Pida al personal de la Unidad de Informática", html, StringComparison.Ordinal);
        Assert.False(back.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("sosep.consola=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task SignIn_RefusedAtMicrosoft_BackToEntrarWithASpanishMessage()
    {
        _idp.SignedInUser = null;
        using var client = Browser();

        var back = await SignInWithMicrosoftAsync(client, "/entrar/microsoft");
        var page = await client.GetStringAsync(back.Headers.Location!);

        Assert.Equal("/entrar?microsoft=error", back.Headers.Location?.OriginalString);
        Assert.Contains("No se pudo entrar con Microsoft", page, StringComparison.Ordinal);
        Assert.Equal(0, _idp.Redeemed);
    }

    [Fact]
    public async Task Callback_WithoutTheCorrelationCookie_IsRefused()
    {
        _idp.SignedInUser = new OpenIdUser(RosaObjectId, null, "Rosa Díaz");
        using var started = Browser();
        using var other = Browser();
        var challenge = await started.GetAsync(new Uri("/entrar/microsoft", UriKind.Relative));
        using var provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var authorized = await provider.GetAsync(challenge.Headers.Location);

        // Another browser (without the cookies the challenge set) presents the code: no sign-in.
        var back = await other.GetAsync(new Uri(authorized.Headers.Location!.PathAndQuery, UriKind.Relative));

        Assert.Equal("/entrar?microsoft=error", back.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    private HttpClient Browser() =>
        _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://localhost") });

    /// <summary>Follows «Entrar con Microsoft»: the console's challenge, the provider's authorize, and back to the callback.</summary>
    private static async Task<HttpResponseMessage> SignInWithMicrosoftAsync(HttpClient console, string start)
    {
        var challenge = await console.GetAsync(new Uri(start, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        using var provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var authorized = await provider.GetAsync(challenge.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, authorized.StatusCode);
        var callback = authorized.Headers.Location!;
        Assert.Equal("/signin-oidc", callback.AbsolutePath);
        return await console.GetAsync(new Uri(callback.PathAndQuery, UriKind.Relative));
    }
}
