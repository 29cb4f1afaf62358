using System.Text.Json.Nodes;

namespace SosepBot.Bot.Tests.Fakes;

/// <summary>One call the bot made to the fake connector.</summary>
public sealed record ConnectorCall(string Method, string Path, string Authorization, JsonNode? Body, int Status, DateTimeOffset At)
{
    public string Text => Body?["text"]?.GetValue<string>() ?? string.Empty;

    /// <summary>The JSON of the first card attached, or empty.</summary>
    public string CardJson => Body?["attachments"]?[0]?["content"]?.ToJsonString(Readable) ?? string.Empty;

    /// <summary>JSON as a person reads it (accents not escaped), for assertions on Spanish text.</summary>
    public static System.Text.Json.JsonSerializerOptions Readable { get; } = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
