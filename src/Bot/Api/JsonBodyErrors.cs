using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using SosepBot.Core.Validation;

namespace SosepBot.Bot.Api;

/// <summary>
/// A JSON body whose syntax is right but one of whose values has the wrong type or is not an allowed value
/// («changeKind»: «Otro»): a 422 naming the field in Spanish, its path and what it accepts.
/// </summary>
public static partial class JsonBodyErrors
{
    /// <summary>The problem for <paramref name="error"/> on the endpoint of <paramref name="http"/>, or null when no field of its body is to blame.</summary>
    public static ProblemDetails? Describe(HttpContext http, JsonException error)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(error);
        // A syntax error carries the reader's exception (a JsonException) inside; a value that does not fit its
        // property is a JsonException with the property's path (and at most a format or token-type error inside).
        // The exception handler clears the endpoint from the context; its feature keeps the one that failed.
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
        var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (error.InnerException is JsonException || error.Path is null || bodyType is null
            || Resolve(bodyType, error.Path) is not { } target)
        {
            return null;
        }

        var (field, type, path) = target;
        var allowed = AllowedValues(type);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = ApiTexts.TitleInvalid,
            Detail = allowed.Count > 0 ? ValidationTexts.NotAllowed(field, path, allowed) : ValidationTexts.WrongType(field, path, Expected(type)),
        };
        problem.Extensions["code"] = "Invalid";
        problem.Extensions["field"] = path;
        if (allowed.Count > 0)
        {
            problem.Extensions["allowed"] = allowed;
        }

        return problem;
    }

    /// <summary>The allowed values of a closed type (enums by name, booleans), else empty.</summary>
    public static IReadOnlyList<string> AllowedValues(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsEnum ? Enum.GetNames(type) : type == typeof(bool) ? ["true", "false"] : [];
    }

    /// <summary>Walks «$.form.changeKind» or «$.testerEmails[0]» through the body's type: the field's name, type and dotted path.</summary>
    internal static (FieldName Field, Type Type, string Path)? Resolve(Type bodyType, string jsonPath)
    {
        var type = bodyType;
        FieldName? field = null;
        var names = new List<string>();
        foreach (Match segment in Segment().Matches(jsonPath))
        {
            if (segment.Groups["index"].Success)
            {
                type = ElementType(type) ?? type;
                continue;
            }

            var name = segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value;
            var property = (Nullable.GetUnderlyingType(type) ?? type).GetProperty(name,
                BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return null;
            }

            var jsonName = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            field = ApiFieldNames.Find(type, jsonName);
            names.Add(jsonName);
            type = property.PropertyType;
        }

        return field is null ? null : (field, type, string.Join('.', names));
    }

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => "un texto entre comillas",
            _ when type == typeof(int) || type == typeof(long) => "un número entero",
            _ when type == typeof(DateOnly) => "una fecha AAAA-MM-DD, por ejemplo 2026-03-10",
            _ when type == typeof(DateTimeOffset) => "una fecha y hora ISO 8601, por ejemplo 2026-03-10T09:00:00-06:00",
            _ when type == typeof(DateTime) => "una fecha y hora, por ejemplo 2026-03-10T09:00:00",
            _ when ElementType(type) is not null => "una lista entre corchetes, por ejemplo [\"…\"]",
            _ => "un objeto JSON con los campos de la referencia (/openapi/v1.json)",
        };
    }

    [GeneratedRegex(@"\.(?<name>[A-Za-z_][A-Za-z0-9_]*)|\['(?<quoted>[^']+)'\]|\[(?<index>\d+)\]")]
    private static partial Regex Segment();
}
