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

        foreach (var (name, declared) in QueryParameters(method))
        {
            var type = Nullable.GetUnderlyingType(declared) ?? declared;
            if (!http.Request.Query.TryGetValue(name, out var values) || Binds(type, values.ToString()))
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

    /// <summary>The endpoint's query parameters by name: its own, and the properties of an [AsParameters] one (camelCase).</summary>
    private static IEnumerable<(string Name, Type Type)> QueryParameters(MethodInfo method) =>
        method.GetParameters().SelectMany(p => p.GetCustomAttribute<AsParametersAttribute>() is not null
            ? p.ParameterType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(q => (char.ToLowerInvariant(q.Name[0]) + q.Name[1..], q.PropertyType))
            : p.Name is { } name ? [(name, p.ParameterType)] : []);

    /// <summary>Whether <paramref name="text"/> binds to <paramref name="type"/>; types other than bool and integers always do.</summary>
    private static bool Binds(Type type, string text) =>
        type == typeof(bool) ? bool.TryParse(text, out _)
        : type == typeof(int) ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
        : type != typeof(long) || long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
}
