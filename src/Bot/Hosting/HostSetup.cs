using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SosepBot.Bot.Api;
using SosepBot.Bot.Api.OpenApi;
using SosepBot.Bot.Auth;
using SosepBot.Bot.EntraId;
using SosepBot.Bot.Teams;
using SosepBot.Core;
using SosepBot.Jobs.Hosting;
using SosepBot.Documents;
using SosepBot.Mailbox;
using SosepBot.Persistence;
using SosepBot.Web.Auth;
using SosepBot.Web.Console;

namespace SosepBot.Bot.Hosting;

/// <summary>Wires Core, the API and (later) the channels and jobs into one ASP.NET Core host.</summary>
public static class HostSetup
{
    public static IServiceCollection AddSosepHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSosepCore();
        services.AddSosepPersistence();
        services.AddSosepAuthentication(configuration);
        services.AddSosepJobs(configuration);
        services.AddSosepDocuments(configuration);
        services.AddSosepMailbox(configuration);
        // Before AddProblemDetails: the first writer that can write answers (a browser outside /api gets HTML).
        services.AddSingleton<IProblemDetailsWriter, ConsoleProblemPages>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = SpanishDefaults);
        services.AddSosepTeams(configuration);
        services.AddSosepDirectory();
        services.AddExceptionHandler<ProblemMapping>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => Configure(o.SerializerOptions));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddSosepOpenApi();
        return services;
    }

    /// <summary>Validates every option (a wrong setting stops the service, naming it) and migrates the database.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
        ChannelCheck.Warn(app.Services, app.Logger);
    }

    public static WebApplication UseSosepHost(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages(new StatusCodePagesOptions { HandleAsync = ConsoleStatusPages.Or(new StatusCodePagesOptions().HandleAsync) });
        app.UseBodyLimits(); // inside the status pages: its own Spanish 413 is the one written
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).AllowAnonymous();
        app.MapProcedures();
        app.MapRequests();
        app.MapUnits();
        app.MapMaintenancePlans();
        app.MapSosepJobs(ConsoleAuth.Scheme);
        app.MapDocuments();
        app.MapMailQuarantine();
        app.MapOutbox();
        app.MapJobs();
        app.MapSosepTeams();
        app.MapSosepOpenApi();
        return app;
    }

    /// <summary>Problems the framework raises itself (unknown route, wrong method…) also speak Spanish.</summary>
    private static void SpanishDefaults(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        (string Title, string Detail)? text = problem.Status switch
        {
            StatusCodes.Status404NotFound => ("No encontrado", "La dirección solicitada no existe en la mesa de ayuda."),
            StatusCodes.Status405MethodNotAllowed => ("Método no permitido", "Esta dirección no admite ese método HTTP."),
            StatusCodes.Status415UnsupportedMediaType => ("Tipo de contenido no admitido", "Envíe el cuerpo como application/json."),
            StatusCodes.Status400BadRequest => ("Solicitud mal formada", "La solicitud HTTP no tiene el formato esperado."),
            StatusCodes.Status413PayloadTooLarge => (BodyLimits.TitleTooLarge, BodyLimits.TooLargeDetail(context.HttpContext)),
            _ => null,
        };
        if (text is { } t && problem.Detail is null)
        {
            problem.Title = t.Title;
            problem.Detail = t.Detail;
        }
    }

    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
    }

    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}
