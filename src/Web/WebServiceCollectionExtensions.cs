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

    /// <summary>The console's one script (checks of the CUI and NIT as they are typed).</summary>
    public const string ScriptPath = "/consola.js";

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

    /// <summary>
    /// Maps the console; <paramref name="bodyLimit"/> turns a body limit (bytes, read when a request arrives) into the
    /// host's endpoint metadata, given to the page that takes files (<see cref="ConsoleUploads"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapSosepWeb(this IEndpointRouteBuilder app, Func<Func<IServiceProvider, long>, object>? bodyLimit = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var (path, resource, type) in new[] { (StylesPath, "SosepBot.Web.site.css", "text/css; charset=utf-8"), (ScriptPath, "SosepBot.Web.console.js", "text/javascript; charset=utf-8") })
        {
            var content = ReadAsset(resource);
            app.MapGet(path, (HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "public, max-age=3600";
                return Results.Text(content, type);
            }).AllowAnonymous().ExcludeFromDescription();
        }

        if (app.ServiceProvider.GetRequiredService<IOptions<ConsoleEntraOptions>>().Value.Enabled)
        {
            app.MapGet(ConsoleEntraSignIn.StartPath, (string? volver) => ConsoleEntraSignIn.Start(volver)).AllowAnonymous().ExcludeFromDescription();
        }

        var pages = app.MapRazorPages();
        if (bodyLimit is not null)
        {
            pages.Add(endpoint =>
            {
                if (ConsoleUploads.Takes(endpoint))
                {
                    endpoint.Metadata.Add(bodyLimit(ConsoleUploads.BodyBytes));
                }
            });
        }

        return app;
    }

    private static string ReadAsset(string resource)
    {
        using var stream = typeof(WebServiceCollectionExtensions).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The console's asset {resource} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
