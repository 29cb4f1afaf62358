using Microsoft.AspNetCore.Mvc;

namespace SosepBot.Bot.Auth;

/// <summary>The 401 answer, as a ProblemDetails in Spanish.</summary>
internal static class Unauthorized
{
    public static Task WriteAsync(HttpContext context, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Autenticación requerida", Detail = detail },
        }).AsTask();
    }
}
