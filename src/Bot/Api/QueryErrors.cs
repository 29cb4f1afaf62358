using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace SosepBot.Bot.Api;

/// <summary>
/// A query-string value the endpoint cannot bind («?open=quizá», «?take=diez»): a 400 naming the parameter and what it
/// accepts, found by checking the endpoint's own parameters (never by reading the framework's message).
/// </summary>
public static class QueryErrors
{
    public static ProblemDetails? Describe(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
        var method = endpoint?.Metadata.GetMetadata<MethodInfo>();
        if (method is null)
        {
            return null;
        }

        foreach (var parameter in method.GetParameters())
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (parameter.Name is not { } name || !http.Request.Query.TryGetValue(name, out var values) || Binds(type, values.ToString()))
            {
                continue;
            }

            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = ApiTexts.TitleMalformed,
                Detail = type == typeof(bool) ? ApiTexts.QueryNotAllowed(name, ["true", "false"]) : ApiTexts.QueryNotANumber(name),
            };
            problem.Extensions["code"] = "Invalid";
            problem.Extensions["field"] = name;
            if (type == typeof(bool))
            {
                problem.Extensions["allowed"] = new[] { "true", "false" };
            }

            return problem;
        }

        return null;
    }

    /// <summary>Whether <paramref name="text"/> binds to <paramref name="type"/>; types other than bool and integers always do.</summary>
    private static bool Binds(Type type, string text) =>
        type == typeof(bool) ? bool.TryParse(text, out _)
        : type == typeof(int) ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
        : type != typeof(long) || long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
}
