using System.Text.Json;
using System.Text.Json.Serialization;

namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>The Bot Framework's JSON: camelCase, nulls left out.</summary>
public static class BotJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // Spanish text stays readable in the JSON (no HTML context here).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
