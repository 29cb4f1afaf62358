using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SosepBot.Core.Attachments;
using SosepBot.Core.Requests;

namespace SosepBot.Web.Console;

/// <summary>
/// The host's problem answers (a body over its limit, an unexpected error) to a browser outside /api: the console's
/// Spanish HTML page with the same status. The API, and any client not asking for HTML, keeps the JSON problem. The
/// host registers it before AddProblemDetails: the first writer that can write is the one used.
/// </summary>
public sealed class ConsoleProblemPages(IOptions<AttachmentOptions> attachments) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ConsoleStatusPages.WantsHtml(context.HttpContext.Request);
    }

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        var (generalTitle, generalMessage) = ConsoleStatusPages.Texts(http, http.Response.StatusCode);
        var title = problem.Title ?? generalTitle;
        var message = problem.Detail ?? generalMessage;
        var number = http.GetRouteValue("numero") as string;
        if (http.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && ConsoleUploads.Is(http.GetEndpoint())
            && problem.Extensions.TryGetValue("maxBytes", out var limit) && limit is long bytes)
        {
            title = "Archivos demasiado grandes";
            message = WebTexts.UploadTooLarge(bytes, RequestFiles.MaxFilesAtOnce, attachments.Value.MaxBytes);
        }

        return new ValueTask(number is null
            ? ConsoleStatusPages.WritePageAsync(http, title, message, "/", "Volver a mis pendientes")
            : ConsoleStatusPages.WritePageAsync(http, title, message, $"/solicitudes/{Uri.EscapeDataString(number)}", $"Volver a la solicitud {number}"));
    }
}
