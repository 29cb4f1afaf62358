using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using SosepBot.Core.Scheduled;

namespace SosepBot.Web.Console;

/// <summary>
/// A browser that opens an unknown console address, or the Hangfire dashboard without the right role, gets a Spanish
/// HTML page instead of an empty answer; the API (and any client not asking for HTML) keeps its JSON problem answers.
/// </summary>
public static class ConsoleStatusPages
{
    /// <summary>Spanish as it is (á, ñ), markup still encoded, as the pages write it.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>For <c>UseStatusCodePages</c>: HTML to browsers outside /api, <paramref name="otherwise"/> to everyone else.</summary>
    public static Func<StatusCodeContext, Task> Or(Func<StatusCodeContext, Task> otherwise) => context =>
        WantsHtml(context.HttpContext.Request) ? WriteAsync(context.HttpContext) : otherwise(context);

    public static bool WantsHtml(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }

    private static Task WriteAsync(HttpContext http)
    {
        var response = http.Response;
        if (response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            // The dashboard asked for a sign-in: the console's sign-in page, coming back here.
            response.StatusCode = StatusCodes.Status302Found;
            response.Headers.Location = "/entrar?volver=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString);
            return Task.CompletedTask;
        }

        var (title, message) = Texts(http, response.StatusCode);
        return WritePageAsync(http, title, message, "/", "Volver a mis pendientes");
    }

    /// <summary>The console's title and Spanish message for an answer with this status (a general one for any other).</summary>
    internal static (string Title, string Message) Texts(HttpContext http, int status) => status switch
    {
        StatusCodes.Status404NotFound => ("No encontrado", "La página que buscó no existe en la consola. Revise la dirección o vuelva a sus pendientes."),
        StatusCodes.Status403Forbidden when http.Request.Path.StartsWithSegments(JobsDashboard.Path, StringComparison.OrdinalIgnoreCase) =>
            ("Acceso denegado", "El tablero de tareas programadas es solo para el Director de Informática y los administradores."),
        StatusCodes.Status403Forbidden => ("Acceso denegado", "No tiene permiso para abrir esta página."),
        StatusCodes.Status405MethodNotAllowed => ("No se pudo completar", "Esta dirección no admite esa forma de envío. Vuelva a abrir la página e inténtelo de nuevo."),
        _ => ("No se pudo completar", "La consola no pudo atender la solicitud. Vuelva a sus pendientes e inténtelo de nuevo."),
    };

    /// <summary>The console's error page (its header and styles, no navigation): a title, the Spanish message and a way back.</summary>
    internal static Task WritePageAsync(HttpContext http, string title, string message, string backHref, string backText)
    {
        var response = http.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers[HeaderNames.ContentSecurityPolicy] = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        var html = Encoder;
        return response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="es-GT">
            <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{html.Encode(title)} · Mesa de ayuda SOSEP</title>
                <link rel="stylesheet" href="/consola.css">
            </head>
            <body>
                <header class="sitio"><a class="marca" href="/">Mesa de ayuda · Unidad de Informática</a></header>
                <main id="contenido">
                    <h1>{html.Encode(title)}</h1>
                    <div class="aviso error" role="alert">{html.Encode(message)}</div>
                    <p><a href="{html.Encode(backHref)}">{html.Encode(backText)}</a></p>
                </main>
            </body>
            </html>
            """, http.RequestAborted);
    }
}
