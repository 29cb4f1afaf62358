using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SosepBot.Bot.Hosting;

namespace SosepBot.Bot.Tests.Api;

/// <summary>JSON helpers with the host's own serializer settings.</summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object? body) =>
        client.PostAsJsonAsync(url, body, Options);

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty body");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HostSetup.Configure(options);
        return options;
    }
}
