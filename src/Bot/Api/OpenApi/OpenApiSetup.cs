using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;

namespace SosepBot.Bot.Api.OpenApi;

/// <summary>
/// The API reference at /openapi/v1.json, from ASP.NET Core's own generator: Spanish summaries from
/// <see cref="ApiReference"/>, the forms' fields with their descriptions and allowed values from <see cref="FormFields"/>
/// and the catalogue, and the other bodies' fields named as refusals name them (<see cref="ApiFieldNames"/>).
/// </summary>
public static partial class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddSosepOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, context, _) =>
            {
                Describe(document, context.ApplicationServices.GetRequiredService<ProcedureCatalog>());
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var path = RoutePath(context.Description.RelativePath);
                if (ApiReference.Find(context.Description.HttpMethod ?? string.Empty, path) is { } reference)
                {
                    operation.Summary = reference.Summary;
                    operation.Description = reference.Description;
                }

                var anonymous = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
                Answers(operation, anonymous);
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                // Nested bodies (form, equipment) reach here as properties too: the type's description wins.
                if (context.JsonTypeInfo.Type == typeof(FormData))
                {
                    schema.Description = FormsDescription(context.ApplicationServices.GetRequiredService<ProcedureCatalog>());
                }
                else if (Bodies.TryGetValue(context.JsonTypeInfo.Type, out var body) && schema is OpenApiSchema concrete)
                {
                    // Records' constructor parameters all look required; the API asks only for these.
                    concrete.Description = body.Description;
                    concrete.Required = new HashSet<string>(body.Required, StringComparer.Ordinal);
                }
                else if (context.JsonPropertyInfo is { } property)
                {
                    DescribeProperty(schema, property.DeclaringType, property.Name);
                }

                return Task.CompletedTask;
            });
        });

    /// <summary>The request bodies: what each is for and which of its fields the API requires.</summary>
    private static readonly Dictionary<Type, (string Description, string[] Required)> Bodies = new()
    {
        [typeof(CreateRequestBody)] = ("Una solicitud nueva: el procedimiento y el título son obligatorios; el formulario, según el procedimiento.", ["procedure", "title"]),
        [typeof(ActionBody)] = ("Lo que una acción puede necesitar; todo es opcional y la respuesta de rechazo dice qué falta.", []),
        [typeof(CommentBody)] = ("Un comentario.", ["text"]),
        [typeof(NoticesBody)] = ("Cómo recibir los avisos: «inmediatos» o «solo-resumen».", ["mode"]),
        [typeof(RunJobBody)] = ("Opcional: reenviar el resumen de hoy.", []),
        [typeof(UnitBody)] = ("Una unidad de SOSEP; en un cambio, un campo omitido conserva su valor.", []),
        [typeof(UnitContactBody)] = ("Una persona registrada que será contacto de la unidad.", ["email"]),
        [typeof(MaintenancePlanBody)] = ("Un plan de visitas recurrentes de mantenimiento preventivo (DS-UI-03).", []),
        [typeof(EquipmentData)] = ("Datos del equipo revisado para un dictamen técnico (DS-UI-05).", []),
    };

    public static IEndpointRouteBuilder MapSosepOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        return app;
    }

    /// <summary>The answers every operation may give, in Spanish: refusals are ProblemDetails (application/problem+json).</summary>
    private static void Answers(OpenApiOperation operation, bool anonymous)
    {
        operation.Responses ??= [];
        foreach (var (code, response) in operation.Responses)
        {
            if (response is OpenApiResponse concrete && Success.TryGetValue(code, out var text))
            {
                concrete.Description = text;
            }
        }

        foreach (var (code, text) in Refusals.Where(r => !anonymous || r.Key is not ("401" or "403")))
        {
            operation.Responses.TryAdd(code, new OpenApiResponse { Description = text });
        }

        if (anonymous)
        {
            operation.Security = []; // overrides the document's API key: open to anyone
        }
    }

    private static readonly Dictionary<string, string> Success = new(StringComparer.Ordinal)
    {
        ["200"] = "Correcto.",
        ["201"] = "Creado.",
    };

    private static readonly Dictionary<string, string> Refusals = new(StringComparer.Ordinal)
    {
        ["400"] = "Solicitud mal formada: un JSON no válido o un parámetro de la dirección que no se puede leer.",
        ["401"] = "Sin clave o con una clave no válida.",
        ["403"] = "El rol de la persona no lo permite.",
        ["404"] = "No existe, o la persona no puede verlo.",
        ["409"] = "Estado equivocado, o alguien cambió la solicitud primero.",
        ["422"] = "Datos no válidos: `detail` en español, `field` y, si el campo tiene valores permitidos, `allowed`.",
    };

    /// <summary>«api/units/{id:long}/» → «/api/units/{id}», as the document and the README write it.</summary>
    public static string RoutePath(string? relativePath) =>
        "/" + RouteParameter().Replace(relativePath ?? string.Empty, "{$1}").Trim('/');

    /// <summary>Which procedure takes which form, and the fields it makes obligatory (from the catalogue).</summary>
    public static string FormsDescription(ProcedureCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var lines = catalog.All.Where(p => p.Form is not null).Select(p =>
            $"{p.Code} ({p.Name}): {string.Join(" o ", p.Form!.FormCodes)}; obligatorios: {string.Join(", ", p.Form.Required.Select(r => r.Label))}.");
        return "Datos de los formularios DI-Frm_001 … DI-Frm_004 del manual. " + string.Join(" ", lines);
    }

    private static void DescribeProperty(IOpenApiSchema schema, Type declaringType, string jsonName)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }

        if (declaringType == typeof(FormData) && FormFields.Find(jsonName) is { } field)
        {
            concrete.Description = $"{field.Description} Formularios: {string.Join(", ", field.Forms)}.";
            if (field.Allowed.Count > 0 && field.Allowed[0] != "true")
            {
                concrete.Enum = [.. field.Allowed.Select(v => (JsonNode)JsonValue.Create(v))];
            }

            return;
        }

        if (ApiFieldNames.Find(declaringType, jsonName) is { } name)
        {
            concrete.Description ??= char.ToUpperInvariant(name.Noun[0]) + name.Noun[1..] + ".";
        }
    }

    private static void Describe(OpenApiDocument document, ProcedureCatalog catalog)
    {
        document.Info.Title = "SosepBot — mesa de ayuda de la Unidad de Informática de SOSEP";
        document.Info.Description =
            "API JSON (camelCase; enumeraciones como texto). Cada llamada, salvo el catálogo de procedimientos, lleva la clave "
            + "de la persona en `X-Api-Key` o un token de Entra ID. Los errores son `application/problem+json` con `detail` en español "
            + "y `field` cuando un campo está mal: 401 sin clave, 403 el rol no lo permite, 404 no encontrado, 409 estado equivocado "
            + "o versión cambiada, 422 datos no válidos (con `allowed` cuando el campo tiene valores permitidos), 400 mal formado. "
            + FormsDescription(catalog);

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "La clave personal que emite `apikey issue` en la línea de comandos.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] }];

        // Groups map their root as «/api/units/»; the document names it as it is called.
        foreach (var key in document.Paths.Keys.Where(k => k.Length > 1 && k.EndsWith('/')).ToList())
        {
            var item = document.Paths[key];
            document.Paths.Remove(key);
            document.Paths[key.TrimEnd('/')] = item;
        }
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
