using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Configuration;
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

    public static IServiceCollection AddSosepWeb(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var entra = configuration.GetSection(ConsoleEntraOptions.SectionName).Get<ConsoleEntraOptions>() ?? new();
        services.AddOptions<ConsoleEntraOptions>().BindConfiguration(ConsoleEntraOptions.SectionName)
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.ClientSecret),
                "Web:Entra:ClientSecret is required when Web:Entra:TenantId and Web:Entra:ClientId are set.")
            .ValidateOnStart();
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddDataProtection().SetApplicationName("SosepBot");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceScopeFactory>((o, scopes) => o.XmlRepository = new DatabaseXmlRepository(scopes));

        var authentication = services.AddAuthentication().AddCookie(ConsoleAuth.Scheme, _ => { });
        if (entra.Enabled)
        {
            authentication.AddConsoleEntra(entra);
        }

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
            o.Conventions.AllowAnonymousToPage("/SinCuenta");
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
        if (app.ServiceProvider.GetRequiredService<IOptions<ConsoleEntraOptions>>().Value.Enabled)
        {
            app.MapGet(ConsoleEntraSignIn.StartPath, (string? volver) => ConsoleEntraSignIn.Start(volver)).AllowAnonymous().ExcludeFromDescription();
        }

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
