using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.SignIn;

namespace SosepBot.Bot.Tests.Web;

/// <summary>One-time sign-in links and the console's cookie, through the real host in process.</summary>
public sealed partial class LoginLinkTests
{
    [Fact]
    public async Task Issue_StoresOnlyTheTokensHash()
    {
        await using var factory = new SosepApiFactory();
        var token = await IssueAsync(factory, "Rosa Díaz", Role.InfraHead);

        await using var scope = factory.Services.CreateAsyncScope();
        var link = await scope.ServiceProvider.GetRequiredService<SosepDbContext>().LoginLinks.SingleAsync();
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), link.TokenHash);
        Assert.Equal(factory.Time.GetUtcNow().AddMinutes(15), link.ExpiresAt);
        Assert.Null(link.UsedAt);
        Assert.DoesNotContain(token, Encoding.UTF8.GetString(link.TokenHash), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_ValidLink_SetsAnHttpOnlyLaxCookieAndOpensPendientes()
    {
        await using var factory = new SosepApiFactory();
        var token = await IssueAsync(factory, "Rosa Díaz", Role.InfraHead);
        using var client = Browser(factory);

        var signedIn = await SignInAsync(client, token);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sosep.consola=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain http here
        var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("<h1>Pendientes</h1>", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", home.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", home.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task SignIn_KeepsTheDataProtectionKeysInTheDatabase()
    {
        await using var factory = new SosepApiFactory();
        var token = await IssueAsync(factory, "Rosa Díaz", Role.InfraHead);
        using var client = Browser(factory);

        await SignInAsync(client, token);

        await using var scope = factory.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<SosepDbContext>().DataProtectionKeys.ToListAsync();
        Assert.Contains(keys, k => k.Xml.Contains("<key ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_OverHttps_CookieIsSecure()
    {
        await using var factory = new SosepApiFactory();
        var token = await IssueAsync(factory, "Rosa Díaz", Role.InfraHead);
        using var client = Browser(factory, new Uri("https://localhost"));

        var signedIn = await SignInAsync(client, token);

        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sosep.consola=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_LinkUsedTwice_SecondIsRefusedInSpanish()
    {
        await using var factory = new SosepApiFactory();
        var token = await IssueAsync(factory, "Rosa Díaz", Role.InfraHead);
        using var first = Browser(factory);
        using var second = Browser(factory);

        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(first, token)).StatusCode);
        var again = await SignInAsync(second, token);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("ya se usó", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(again.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("sosep.consola=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SignIn_AfterFifteenMinutes_IsRefused()
    {
        await using var factory = new SosepApiFactory();
        var token = await IssueAsync(factory, "Rosa Díaz", Role.InfraHead);
        using var client = Browser(factory);

        factory.Time.Advance(TimeSpan.FromMinutes(15));
        var late = await SignInAsync(client, token);

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("venció", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_UnknownToken_IsRefused()
    {
        await using var factory = new SosepApiFactory();
        await IssueAsync(factory, "Rosa Díaz", Role.InfraHead);
        using var client = Browser(factory);

        Assert.Equal(HttpStatusCode.BadRequest, (await SignInAsync(client, "no-es-un-token")).StatusCode);
    }

    [Fact]
    public async Task Issue_UnknownPerson_IsRefusedInSpanish()
    {
        await using var factory = new SosepApiFactory();
        await using var scope = factory.Services.CreateAsyncScope();
        var e = await Assert.ThrowsAsync<Core.Errors.DomainException>(() =>
            scope.ServiceProvider.GetRequiredService<LoginLinkService>().IssueAsync("nadie@sosep.gob.gt", default));
        Assert.Contains("No hay ninguna persona registrada", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_IdleLongerThanTheTimeout_SendsBackToEntrar()
    {
        await using var factory = new SosepApiFactory();
        var token = await IssueAsync(factory, "Rosa Díaz", Role.InfraHead);
        using var client = Browser(factory);
        await SignInAsync(client, token);

        factory.Time.Advance(TimeSpan.FromMinutes(31));
        var home = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/entrar", home.Headers.Location?.PathAndQuery ?? home.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_WithoutSignIn_RedirectsToEntrar()
    {
        await using var factory = new SosepApiFactory();
        using var client = Browser(factory);

        var home = await client.GetAsync(new Uri("/solicitudes", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Contains("/entrar?volver=", home.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_WithTheConsoleCookieOnly_Is401_AndApiKeysStillWork()
    {
        await using var factory = new SosepApiFactory();
        var token = await IssueAsync(factory, "Rosa Díaz", Role.InfraHead);
        using var client = Browser(factory);
        await SignInAsync(client, token);
        using var withKey = await factory.ClientForAsync("Tito López", Role.Technician);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await withKey.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task StaffPage_PlainUser_GetsTheSpanish403Page()
    {
        await using var factory = new SosepApiFactory();
        var token = await IssueAsync(factory, "Ana Pérez");
        using var client = Browser(factory);
        await SignInAsync(client, token);

        var page = await client.GetAsync(new Uri("/avisos", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Acceso denegado", html, StringComparison.Ordinal);
        Assert.Contains("solo para el personal de la Unidad de Informática", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        await using var factory = new SosepApiFactory();
        var token = await IssueAsync(factory, "Rosa Díaz", Role.InfraHead);
        using var client = Browser(factory);
        await SignInAsync(client, token);

        var post = await client.PostAsync(new Uri("/salir", UriKind.Relative), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("Formulario no válido", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode); // still signed in
    }

    [Fact]
    public async Task SignOut_WithToken_EndsTheSession()
    {
        await using var factory = new SosepApiFactory();
        var token = await IssueAsync(factory, "Rosa Díaz", Role.InfraHead);
        using var client = Browser(factory);
        await SignInAsync(client, token);
        var home = await (await client.GetAsync(new Uri("/", UriKind.Relative))).Content.ReadAsStringAsync();

        var post = await client.PostAsync(new Uri("/salir", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", AntiforgeryToken(home))]));

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    private static async Task<string> IssueAsync(SosepApiFactory factory, string name, params Role[] roles)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PeopleService>().UpsertAsync(
            new PersonInput { Email = SosepApiFactory.EmailOf(name), DisplayName = name, Roles = roles.Select(r => r.ToString()).ToList() }, default);
        return (await scope.ServiceProvider.GetRequiredService<LoginLinkService>().IssueAsync(SosepApiFactory.EmailOf(name), default)).Token;
    }

    private static HttpClient Browser(SosepApiFactory factory, Uri? baseAddress = null) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = baseAddress ?? new Uri("http://localhost") });

    /// <summary>Opens the link's page and presses «Entrar» (the form's anti-forgery token included, as a browser sends it).</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string token)
    {
        var page = await client.GetStringAsync(new Uri($"/entrar?t={Uri.EscapeDataString(token)}", UriKind.Relative));
        return await client.PostAsync(new Uri("/entrar", UriKind.Relative), new FormUrlEncodedContent(
            [new("t", token), new("volver", string.Empty), new("__RequestVerificationToken", AntiforgeryToken(page))]));
    }

    internal static string AntiforgeryToken(string html) => TokenField().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
