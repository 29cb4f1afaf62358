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
                Title = Hosting.BodyLimits.TitleTooLarge,
                Detail = Hosting.BodyLimits.TooLargeDetail(httpContext),
            },
            BadHttpRequestException { InnerException: System.Text.Json.JsonException j } when JsonBodyErrors.Describe(httpContext, j) is { } field => field,
            BadHttpRequestException { InnerException: null } when QueryErrors.Describe(httpContext) is { } query => query,
            BadHttpRequestException b => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = ApiTexts.TitleMalformed,
                Detail = b.InnerException is System.Text.Json.JsonException
                    ? ApiTexts.MalformedJson
                    : ApiTexts.MalformedHttp,
            },
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = ApiTexts.TitleInternal,
                Detail = ApiTexts.Internal,
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
            ErrorKind.NotFound => (StatusCodes.Status404NotFound, ApiTexts.TitleNotFound),
            ErrorKind.Forbidden => (StatusCodes.Status403Forbidden, ApiTexts.TitleForbidden),
            ErrorKind.InvalidState => (StatusCodes.Status409Conflict, ApiTexts.TitleWrongState),
            ErrorKind.Conflict => (StatusCodes.Status409Conflict, ApiTexts.TitleConflict),
            _ => (StatusCodes.Status422UnprocessableEntity, ApiTexts.TitleInvalid),
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
