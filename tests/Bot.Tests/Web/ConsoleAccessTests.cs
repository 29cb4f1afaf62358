using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Privacy;
using SosepBot.Core.SignIn;

namespace SosepBot.Bot.Tests.Web;

/// <summary>
/// Mailing a sign-in link from the console, purging used and expired links, the Hangfire dashboard through the
/// console's sign-in, and the Spanish HTML status pages for browsers.
/// </summary>
public sealed partial class ConsoleAccessTests
{
    private static readonly Uri Page = new("/enlace-de-acceso", UriKind.Relative);

    [Fact]
    public async Task MailLink_StaffPressesThePersonsButton_QueuesOneMailWhoseLinkSignsThemIn()
    {
        await using var factory = new SosepApiFactory();
        await AddAsync(factory, "Ana Pérez");
        using var rosa = await ConsolePagesTests.SignedInAsync(factory, "Rosa Díaz", Role.InfraHead);
        var list = await rosa.GetStringAsync(new Uri("/enlace-de-acceso?q=perez", UriKind.Relative));
        Assert.Contains("anaprez@sosep.gob.gt", list, StringComparison.Ordinal); // accents ignored in names
        Assert.DoesNotContain("rosadaz@sosep.gob.gt", list, StringComparison.Ordinal);

        var posted = await MailAsync(rosa, "anaprez@sosep.gob.gt", list);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("Se envió por correo un enlace de acceso a anaprez@sosep.gob.gt",
            await rosa.GetStringAsync(posted.Headers.Location!), StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var mail = await scope.ServiceProvider.GetRequiredService<SosepDbContext>().OutboxMessages
            .SingleAsync(m => m.Kind == LoginLinkService.MailKind);
        Assert.Equal(OutboxChannel.Mail, mail.Channel);
        Assert.Equal("anaprez@sosep.gob.gt", mail.Recipient);
        Assert.Equal("Su enlace de acceso a la mesa de ayuda", mail.Subject);
        var token = Link().Match(mail.Text).Groups[1].Value;
        Assert.NotEmpty(token);
        using var ana = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var entrar = await ana.GetStringAsync(new Uri($"/entrar?t={token}", UriKind.Relative));
        var signedIn = await ana.PostAsync(new Uri("/entrar", UriKind.Relative),
            new FormUrlEncodedContent([new("t", token), new("__RequestVerificationToken", LoginLinkTests.AntiforgeryToken(entrar))]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task MailLink_FourthWithinAnHour_IsRefusedInSpanish_AndAllowedAgainLater()
    {
        await using var factory = new SosepApiFactory();
        await AddAsync(factory, "Ana Pérez");
        using var rosa = await ConsolePagesTests.SignedInAsync(factory, "Rosa Díaz", Role.InfraHead);
        var list = await rosa.GetStringAsync(Page);
        for (var i = 0; i < LoginLinkService.MailedPerWindow; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await MailAsync(rosa, "anaprez@sosep.gob.gt", list)).StatusCode);
        }

        var refused = await MailAsync(rosa, "anaprez@sosep.gob.gt", list);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Ya se enviaron 3 enlaces de acceso a anaprez@sosep.gob.gt en la última hora", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
            Assert.Equal(3, await db.OutboxMessages.CountAsync(m => m.Kind == LoginLinkService.MailKind));
            Assert.Equal(4, await db.LoginLinks.CountAsync()); // Rosa's own and Ana's three: the refused one left nothing
        }

        factory.Time.Advance(LoginLinkService.MailWindow);
        Assert.Equal(HttpStatusCode.Redirect, (await MailAsync(rosa, "anaprez@sosep.gob.gt", list)).StatusCode);
    }

    [Fact]
    public async Task MailLink_PlainUser_GetsTheSpanish403Page()
    {
        await using var factory = new SosepApiFactory();
        using var ana = await ConsolePagesTests.SignedInAsync(factory, "Ana Pérez");

        var page = await ana.GetAsync(Page);

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.DoesNotContain("href=\"/enlace-de-acceso\"", await ana.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_DeletesUsedAndExpiredLinks_KeepsTheFreshOne()
    {
        await using var factory = new SosepApiFactory();
        await AddAsync(factory, "Ana Pérez");
        await using var scope = factory.Services.CreateAsyncScope();
        var links = scope.ServiceProvider.GetRequiredService<LoginLinkService>();
        var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
        await links.IssueAsync("anaprez@sosep.gob.gt", default); // will expire
        factory.Time.Advance(TimeSpan.FromMinutes(10));
        var used = await links.IssueAsync("anaprez@sosep.gob.gt", default);
        Assert.NotNull(await links.RedeemAsync(used.Token, default));
        factory.Time.Advance(TimeSpan.FromMinutes(6));
        var fresh = await links.IssueAsync("anaprez@sosep.gob.gt", default);

        await scope.ServiceProvider.GetRequiredService<ChannelContentSweeper>().SweepAsync(default);

        var left = await db.LoginLinks.AsNoTracking().SingleAsync();
        Assert.Equal(LoginLinkService.Hash(fresh.Token), left.TokenHash);
        Assert.NotNull(await links.RedeemAsync(fresh.Token, default));
    }

    [Fact]
    public async Task Dashboard_ConsoleSignIn_DirectorOpensIt_TechnicianGetsSpanish403_AnonymousIsSentToEntrar()
    {
        await using var factory = new SosepApiFactory(new Dictionary<string, string?> { ["Jobs:Enabled"] = "false", ["Jobs:Dashboard:LoopbackOnly"] = "false" });
        using var director = Html(await ConsolePagesTests.SignedInAsync(factory, "Dora Directora", Role.ItDirector));
        using var technician = Html(await ConsolePagesTests.SignedInAsync(factory, "Tito Tecnico", Role.Technician));
        using var anonymous = Html(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

        var home = await director.GetStringAsync(new Uri("/", UriKind.Relative));
        var opened = await director.GetAsync(new Uri("/hangfire", UriKind.Relative));
        var refused = await technician.GetAsync(new Uri("/hangfire", UriKind.Relative));
        var sent = await anonymous.GetAsync(new Uri("/hangfire/recurring", UriKind.Relative));

        Assert.Contains("<a href=\"/hangfire\">Tareas programadas</a>", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("SosepBot — tareas programadas", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("text/html; charset=utf-8", refused.Content.Headers.ContentType?.ToString());
        Assert.Contains("solo para el Director de Informática y los administradores", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Tareas programadas", await technician.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/entrar?volver=%2Fhangfire%2Frecurring", sent.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task UnknownUrl_BrowserGetsTheSpanishHtml404_ApiKeepsItsJsonProblem()
    {
        await using var factory = new SosepApiFactory();
        using var browser = Html(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

        var page = await browser.GetAsync(new Uri("/no-existe/tampoco", UriKind.Relative));
        var apiFromBrowser = await browser.GetAsync(new Uri("/api/no-existe", UriKind.Relative));
        var api = await factory.CreateClient().GetAsync(new Uri("/api/no-existe", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType?.ToString());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"es-GT\">", html, StringComparison.Ordinal);
        Assert.Contains("La página que buscó no existe en la consola.", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, apiFromBrowser.StatusCode);
        Assert.NotEqual("text/html", apiFromBrowser.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("No encontrado", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entrar_EntraNotConfigured_OffersOnlyLinks()
    {
        await using var factory = new SosepApiFactory();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await client.GetStringAsync(new Uri("/entrar", UriKind.Relative));

        Assert.DoesNotContain("Entrar con Microsoft", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/entrar/microsoft", UriKind.Relative))).StatusCode);
    }

    private static async Task AddAsync(SosepApiFactory factory, string name)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PeopleService>().UpsertAsync(
            new PersonInput { Email = SosepApiFactory.EmailOf(name), DisplayName = name }, default);
    }

    private static Task<HttpResponseMessage> MailAsync(HttpClient client, string email, string page) =>
        client.PostAsync(new Uri("/enlace-de-acceso?handler=Enviar", UriKind.Relative), new FormUrlEncodedContent(
            [new("correo", email), new("__RequestVerificationToken", LoginLinkTests.AntiforgeryToken(page))]));

    private static HttpClient Html(HttpClient client)
    {
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return client;
    }

    [GeneratedRegex(@"/entrar\?t=([A-Za-z0-9_\-]+)")]
    private static partial Regex Link();
}
