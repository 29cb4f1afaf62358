using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Bot.Api;
using SosepBot.Bot.Api.OpenApi;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;

namespace SosepBot.Bot.Tests.Api;

/// <summary>The API reference at /openapi/v1.json against the mapped endpoints, the catalogue's forms and the README.</summary>
public sealed partial class OpenApiTests : IAsyncLifetime
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "HEAD"];
    private readonly SosepApiFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Document_Anonymous_IsOpenApiInSpanish()
    {
        var response = await _factory.CreateClient().GetAsync(new Uri(OpenApiSetup.DocumentPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.ReadJsonAsync();
        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Unidad de Informática", document["info"]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("X-Api-Key", document["components"]!["securitySchemes"]!["ApiKey"]!["name"]!.GetValue<string>());
        Assert.Empty(document["paths"]!["/api/procedures"]!["get"]!["security"]!.AsArray());
        Assert.Null(document["paths"]!["/api/requests"]!["get"]!["security"]);
    }

    [Fact]
    public async Task Document_EveryMappedApiEndpoint_IsThereWithItsSpanishSummary()
    {
        var document = await DocumentAsync();
        var mapped = MappedOperations();

        Assert.NotEmpty(mapped);
        foreach (var (method, path) in mapped)
        {
            var reference = ApiReference.Find(method, path);
            Assert.True(reference is not null, $"{method} {path} is mapped but has no row in ApiReference.");
            var operation = document["paths"]?[path]?[method.ToLowerInvariant()];
            Assert.True(operation is not null, $"{method} {path} is mapped but not in {OpenApiSetup.DocumentPath}.");
            Assert.Equal(reference.Summary, operation["summary"]?.GetValue<string>());
            Assert.Equal(reference.Description, operation["description"]?.GetValue<string>());
            var responses = operation["responses"]!.AsObject();
            Assert.Contains("422", responses.Select(r => r.Key));
            Assert.All(responses, r => Assert.NotEqual("OK", r.Value!["description"]!.GetValue<string>()));
        }

        Assert.Equal(
            mapped.Select(m => $"{m.Method} {m.Path}").Order(StringComparer.Ordinal),
            ApiReference.Operations.Select(o => $"{o.Method} {o.Path}").Order(StringComparer.Ordinal));
        Assert.Equal(mapped.Select(m => $"{m.Method} {m.Path}").Order(StringComparer.Ordinal), DocumentOperations(document).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Document_FormData_HasEveryFieldOfTheCatalogueWithItsAllowedValues()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!;
        var form = schemas["FormData"]!;
        var properties = form["properties"]!.AsObject();

        Assert.Equal(FormFields.All.Select(f => f.JsonName).Order(StringComparer.Ordinal), properties.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var field in FormFields.All)
        {
            var property = properties[field.JsonName]!;
            var resolved = Resolve(schemas, property);
            var description = property["description"]?.GetValue<string>() ?? resolved["description"]?.GetValue<string>();
            Assert.False(string.IsNullOrWhiteSpace(description), $"form.{field.JsonName} has no description.");
            Assert.StartsWith(field.Description, description, StringComparison.Ordinal);
            if (field.Allowed.Count > 0 && field.Allowed[0] != "true")
            {
                Assert.Equal(field.Allowed, resolved["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
            }
        }

        var catalog = _factory.Services.GetRequiredService<ProcedureCatalog>();
        var formsDescription = form["description"]!.GetValue<string>();
        foreach (var procedure in catalog.All.Where(p => p.Form is not null))
        {
            Assert.Contains($"{procedure.Code} ({procedure.Name}): {string.Join(" o ", procedure.Form!.FormCodes)}", formsDescription, StringComparison.Ordinal);
            Assert.All(procedure.Form.Required, r => Assert.Contains(r.Label, formsDescription, StringComparison.Ordinal));
        }

        Assert.Equal(["procedure", "title"], schemas["CreateRequestBody"]!["required"]!.AsArray().Select(v => v!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Readme_ApiTables_NameTheDocumentsOperations()
    {
        var document = await DocumentAsync();
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md"));
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in readme.Where(l => l.StartsWith('|')))
        {
            foreach (Match m in ReadmeOperation().Matches(line))
            {
                foreach (var method in m.Groups["methods"].Value.Split('/'))
                {
                    listed.Add($"{method} {m.Groups["path"].Value}");
                }
            }
        }

        Assert.Equal(DocumentOperations(document).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        var catalogueRow = readme.Single(l => l.StartsWith("| `GET /api/procedures`", StringComparison.Ordinal));
        Assert.Contains("`transitions`", catalogueRow, StringComparison.Ordinal);
        Assert.Contains(OpenApiSetup.DocumentPath, string.Join('\n', readme), StringComparison.Ordinal);
    }

    [Fact]
    public void ApiFieldNames_EveryFieldOfEveryBody_HasASpanishNameAndWholeSentences()
    {
        var bodies = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType)
            .OfType<Type>()
            .Distinct()
            .ToList();

        Assert.Contains(typeof(CreateRequestBody), bodies);
        foreach (var (type, property) in Fields(bodies))
        {
            var json = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            var name = ApiFieldNames.Find(type, json);
            Assert.True(name is not null, $"{type.Name}.{property.Name} has no Spanish name in ApiFieldNames.");
            var allowed = JsonBodyErrors.AllowedValues(property.PropertyType);
            var sentence = allowed.Count > 0
                ? Core.Validation.ValidationTexts.NotAllowed(name, json, allowed)
                : Core.Validation.ValidationTexts.WrongType(name, json, "un texto");
            Assert.Matches(@"^[A-ZÁÉÍÓÚÑ].*[^.]\.$", sentence);
            Assert.DoesNotMatch(@"\b(El|el) \w+(ción|sión|dad)\b|\b(La|la) \w+o\b", sentence);
        }
    }

    [Theory]
    [InlineData("form", "changeKind", "Otro", "El tipo de solicitud (campo form.changeKind) no es válido: use Nuevo, Actualizacion o Baja.")]
    [InlineData("form", "internetAccess", "Todo", "El tipo de acceso a Internet (campo form.internetAccess) no es válido: use PaginasDeGobierno, SinSocialSinStreaming o NavegacionTotal.")]
    [InlineData("form", "sicoinAccount", "quizá", "La cuenta SICOIN (campo form.sicoinAccount) no es válida: use true o false.")]
    [InlineData(null, "priority", "Altísima", "La prioridad (campo priority) no es válida: use Baja, Media, Alta o Urgente.")]
    [InlineData(null, "scheduledFor", "mañana", "La fecha programada (campo scheduledFor) no es válida: escriba una fecha y hora ISO 8601, por ejemplo 2026-03-10T09:00:00-06:00.")]
    public async Task Post_FieldWithAWrongValue_Is422NamingTheFieldAndItsAllowedValues(string? parent, string field, string value, string detail)
    {
        var director = await _factory.ClientForAsync("Directora Unidad", Role.UnitDirector);
        var form = new JsonObject { ["changeKind"] = "Nuevo", ["firstNames"] = "Luis" };
        var body = new JsonObject { ["procedure"] = "DS-UI-07", ["title"] = "Correo para nuevo colaborador", ["form"] = form };
        (parent is null ? body : form)[field] = value;

        var response = await director.PostAsync(new Uri("/api/requests", UriKind.Relative),
            new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(detail, problem["detail"]!.GetValue<string>());
        Assert.Equal(parent is null ? field : $"{parent}.{field}", problem["field"]!.GetValue<string>());
        var list = await director.GetAsync(new Uri("/api/requests", UriKind.Relative));
        Assert.Empty((await list.ReadJsonAsync()).AsArray());
    }

    [Fact]
    public async Task Post_FormEnumWrong_ListsAllowedValuesAsData()
    {
        var director = await _factory.ClientForAsync("Director Unidad", Role.UnitDirector);

        var response = await director.PostAsync(new Uri("/api/requests", UriKind.Relative), new StringContent(
            """{"procedure":"DS-UI-07","title":"x","form":{"changeKind":"Otro"}}""", System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ReadJsonAsync();
        Assert.Equal(Enum.GetNames<ChangeKind>(), problem["allowed"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Theory]
    [InlineData("/api/requests?open=quizá", "open", "El parámetro «open» de la dirección no es válido: use true o false.")]
    [InlineData("/api/requests?open=true&take=diez", "take", "El parámetro «take» de la dirección no es válido: escriba un número entero.")]
    [InlineData("/api/maintenance/plans?active=si", "active", "El parámetro «active» de la dirección no es válido: use true o false.")]
    public async Task Get_QueryValueOfTheWrongType_Is400NamingTheParameter(string url, string field, string detail)
    {
        var user = await _factory.ClientForAsync("Ana Usuaria", Role.Assistant);

        var response = await user.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(detail, problem["detail"]!.GetValue<string>());
        Assert.Equal(field, problem["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_JsonSyntaxError_StaysA400()
    {
        var user = await _factory.ClientForAsync("Ana Usuaria");

        var response = await user.PostAsync(new Uri("/api/requests", UriKind.Relative),
            new StringContent("""{"procedure":"DS-UI-04","title":""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JSON", (await response.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<JsonNode> DocumentAsync() =>
        await (await _factory.CreateClient().GetAsync(new Uri(OpenApiSetup.DocumentPath, UriKind.Relative))).ReadJsonAsync();

    /// <summary>(method, path) of every endpoint mapped under /api with a delegate (what the API explorer can describe).</summary>
    private List<(string Method, string Path)> MappedOperations() =>
        _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<System.Reflection.MethodInfo>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, OpenApiSetup.RoutePath(e.RoutePattern.RawText))))
            .Distinct()
            .ToList();

    private static IEnumerable<string> DocumentOperations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(o => Methods.Contains(o.Key.ToUpperInvariant()))
            .Select(o => $"{o.Key.ToUpperInvariant()} {p.Key}"));

    private static JsonNode Resolve(JsonNode schemas, JsonNode property)
    {
        var reference = property["$ref"] ?? property["oneOf"]?.AsArray().Select(o => o?["$ref"]).FirstOrDefault(r => r is not null);
        return reference is null ? property : schemas[reference.GetValue<string>().Split('/')[^1]]!;
    }

    private static IEnumerable<(Type Type, System.Reflection.PropertyInfo Property)> Fields(IEnumerable<Type> bodies)
    {
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>(bodies);
        while (queue.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            // What a body can carry: settable properties (EquipmentData.IsComplete is computed).
            foreach (var property in type.GetProperties().Where(p => p.CanWrite))
            {
                yield return (type, property);
                if (property.PropertyType == typeof(FormData) || property.PropertyType == typeof(EquipmentData))
                {
                    queue.Enqueue(property.PropertyType);
                }
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SosepBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SosepBot.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"`(?<methods>(?:GET|POST|PUT|DELETE|HEAD)(?:/(?:GET|POST|PUT|DELETE|HEAD))*) (?<path>/api[^`\s?\[]*)")]
    private static partial Regex ReadmeOperation();
}
