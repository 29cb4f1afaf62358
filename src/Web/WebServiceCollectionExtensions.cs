using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using SosepBot.Web.Auth;
using SosepBot.Web.Console;

namespace SosepBot.Web;

/// <summary>Registers and maps the staff console (Razor Pages, Spanish, server-rendered, its own CSS).</summary>
public static class WebServiceCollectionExtensions
{
    private const string StylesPath = "/consola.css";

    public static IServiceCollection AddSosepWeb(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddDataProtection().SetApplicationName("SosepBot");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceScopeFactory>((o, scopes) => o.XmlRepository = new DatabaseXmlRepository(scopes));

        services.AddAuthentication().AddCookie(ConsoleAuth.Scheme, _ => { });
        services.AddOptions<CookieAuthenticationOptions>(ConsoleAuth.Scheme).Configure<IOptions<WebOptions>>((o, web) =>
        {
            o.Cookie.Name = ConsoleAuth.CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = web.Value.IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = "/entrar";
            o.LogoutPath = "/salir";
            o.AccessDeniedPath = "/";
            o.ReturnUrlParameter = "volver";
        });
        services.AddAuthorizationBuilder().AddPolicy(ConsoleAuth.Policy, p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireAuthenticatedUser());
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "sosep.consola.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Lax;
        });
        // Spanish text as it is (á, ñ, «») rather than as numeric entities; markup is still encoded.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddMemoryCache();
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/", ConsoleAuth.Policy);
            o.Conventions.AllowAnonymousToPage("/Entrar");
        }).AddMvcOptions(o =>
        {
            o.Filters.Add<AntiforgeryFailurePage>();
            o.Filters.Add<SecurityHeaders>();
        });
        return services;
    }

    public static IEndpointRouteBuilder MapSosepWeb(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var styles = ReadStyles();
        app.MapGet(StylesPath, (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(styles, "text/css; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }

    private static string ReadStyles()
    {
        using var stream = typeof(WebServiceCollectionExtensions).Assembly.GetManifestResourceStream("SosepBot.Web.site.css")
            ?? throw new InvalidOperationException("The console's styles are missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
