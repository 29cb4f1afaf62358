using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SosepBot.Core.Errors;

namespace SosepBot.Bot.Api;

/// <summary>Turns refusals and failures into ProblemDetails with a Spanish detail; never leaks exception text of unexpected errors.</summary>
public sealed partial class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ProblemDetails problem = exception switch
        {
            DomainException d => FromDomain(d),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Cuerpo demasiado grande",
                Detail = "El cuerpo de la solicitud es demasiado grande para esta operación.",
            },
            BadHttpRequestException b => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Solicitud mal formada",
                Detail = b.InnerException is System.Text.Json.JsonException
                    ? "El cuerpo no es un JSON válido para esta operación; revise los nombres y tipos de los campos."
                    : "La solicitud HTTP no tiene el formato esperado.",
            },
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Error interno",
                Detail = "Ocurrió un error interno. Quedó registrado; intente de nuevo o avise a la Unidad de Informática.",
            },
        };

        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(logger, exception);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    public static ProblemDetails FromDomain(DomainException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (status, title) = exception.Kind switch
        {
            ErrorKind.NotFound => (StatusCodes.Status404NotFound, "No encontrado"),
            ErrorKind.Forbidden => (StatusCodes.Status403Forbidden, "No permitido"),
            ErrorKind.InvalidState => (StatusCodes.Status409Conflict, "Acción no disponible en el estado actual"),
            ErrorKind.Conflict => (StatusCodes.Status409Conflict, "La solicitud cambió mientras usted actuaba"),
            _ => (StatusCodes.Status422UnprocessableEntity, "Datos no válidos"),
        };
        var problem = new ProblemDetails { Status = status, Title = title, Detail = exception.Message };
        problem.Extensions["code"] = exception.Kind.ToString();
        if (exception.Field is not null)
        {
            problem.Extensions["field"] = exception.Field;
        }

        return problem;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
