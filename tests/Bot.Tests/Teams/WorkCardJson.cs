using System.Globalization;
using System.Text.Json.Nodes;
using SosepBot.Bot.Tests.Fakes;

namespace SosepBot.Bot.Tests.Teams;

/// <summary>Reads a request's work card the way Teams renders it: its action buttons (also inside ShowCards) and their inputs.</summary>
internal static class WorkCardJson
{
    /// <summary>The codes of the work actions the card offers (Action.Execute with verb "accion").</summary>
    public static List<string> Actions(JsonObject card) =>
        Executes(card).Where(e => e["verb"]?.GetValue<string>() == "accion")
            .Select(e => e["data"]!["action"]!.GetValue<string>()).ToList();

    /// <summary>The data of the button of <paramref name="action"/> (a copy, to fill in as Teams does with the inputs).</summary>
    public static JsonObject Data(JsonObject card, string action) =>
        Executes(card).FirstOrDefault(e => e["data"]?["action"]?.GetValue<string>() == action)?["data"]!.DeepClone().AsObject()
        ?? throw new InvalidOperationException($"No action {action} in {Text(card)}");

    /// <summary>The inputs shown with the button of <paramref name="action"/> (its ShowCard's body), by id.</summary>
    public static Dictionary<string, JsonObject> Inputs(JsonObject card, string action)
    {
        foreach (var show in Nodes(card).Where(n => n["type"]?.GetValue<string>() == "Action.ShowCard"))
        {
            var inner = show["card"]!.AsObject();
            if (Executes(inner).Any(e => e["data"]?["action"]?.GetValue<string>() == action))
            {
                return inner["body"]!.AsArray().Select(n => n!.AsObject()).Where(n => n["id"] is not null)
                    .ToDictionary(n => n["id"]!.GetValue<string>());
            }
        }

        return [];
    }

    public static string Text(JsonObject card) => card.ToJsonString(ConnectorCall.Readable);

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<JsonObject> Executes(JsonObject card) =>
        Nodes(card).Where(n => n["type"]?.GetValue<string>() is "Action.Execute" or "Action.Submit" && n["data"] is JsonObject);

    private static IEnumerable<JsonObject> Nodes(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                yield return o;
                foreach (var child in o.Where(p => p.Key != "fallback").Select(p => p.Value)) // a fallback is the same button for older clients
                {
                    foreach (var n in Nodes(child))
                    {
                        yield return n;
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    foreach (var n in Nodes(child))
                    {
                        yield return n;
                    }
                }

                break;
        }
    }
}
