using System.Text.Json.Nodes;

namespace SosepBot.Bot.Teams.Cards;

/// <summary>Small builders for Adaptive Card JSON (schema 1.5, the version Teams renders with Universal Actions).</summary>
public static class Card
{
    public const string Version = "1.5";

    public static JsonObject Create(IEnumerable<JsonNode?> body, IEnumerable<JsonNode?>? actions = null, JsonObject? refresh = null)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["lang"] = "es",
            ["body"] = new JsonArray(body.Where(b => b is not null).ToArray()),
        };
        var list = actions?.Where(a => a is not null).ToArray() ?? [];
        if (list.Length > 0)
        {
            card["actions"] = new JsonArray(list);
        }

        if (refresh is not null)
        {
            card["refresh"] = refresh;
        }

        return card;
    }

    public static JsonObject Text(string text, string? weight = null, string? size = null, string? color = null, bool subtle = false, string? id = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (size is not null)
        {
            block["size"] = size;
        }

        if (color is not null)
        {
            block["color"] = color;
        }

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        if (id is not null)
        {
            block["id"] = id;
        }

        return block;
    }

    public static JsonObject Title(string text) => Text(text, weight: "Bolder", size: "Medium");

    public static JsonObject Error(string text) => Text("⚠️ " + text, color: "Attention", weight: "Bolder", id: "error");

    public static JsonObject Success(string text) => Text("✅ " + text, color: "Good", weight: "Bolder", id: "ok");

    public static JsonObject Facts(IEnumerable<(string Title, string? Value)> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray(facts.Where(f => !string.IsNullOrWhiteSpace(f.Value))
            .Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value }).ToArray()),
    };

    public static JsonObject Input(string id, string label, string? value = null, bool required = false, bool multiline = false, int? maxLength = null, string? placeholder = null)
    {
        var input = new JsonObject { ["type"] = "Input.Text", ["id"] = id, ["label"] = label };
        if (value is not null)
        {
            input["value"] = value;
        }

        if (required)
        {
            input["isRequired"] = true;
            input["errorMessage"] = $"Escriba {label.ToLowerInvariant()}.";
        }

        if (multiline)
        {
            input["isMultiline"] = true;
        }

        if (maxLength is not null)
        {
            input["maxLength"] = maxLength;
        }

        if (placeholder is not null)
        {
            input["placeholder"] = placeholder;
        }

        return input;
    }

    public static JsonObject Date(string id, string label, string? value = null, bool required = false)
    {
        var input = new JsonObject { ["type"] = "Input.Date", ["id"] = id, ["label"] = label };
        if (value is not null)
        {
            input["value"] = value;
        }

        if (required)
        {
            input["isRequired"] = true;
            input["errorMessage"] = $"Indique {label.ToLowerInvariant()}.";
        }

        return input;
    }

    public static JsonObject Choices(string id, string label, IEnumerable<(string Title, string Value)> choices, string? value = null, bool required = false, bool multi = false)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = id,
            ["label"] = label,
            ["style"] = multi ? "expanded" : "compact",
            ["choices"] = new JsonArray(choices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value }).ToArray()),
        };
        if (multi)
        {
            input["isMultiSelect"] = true;
        }

        if (value is not null)
        {
            input["value"] = value;
        }

        if (required)
        {
            input["isRequired"] = true;
            input["errorMessage"] = $"Elija {label.ToLowerInvariant()}.";
        }

        return input;
    }

    public static JsonObject Toggle(string id, string title, bool value) => new()
    {
        ["type"] = "Input.Toggle",
        ["id"] = id,
        ["title"] = title,
        ["value"] = value ? "true" : "false",
        ["valueOn"] = "true",
        ["valueOff"] = "false",
    };

    /// <summary>
    /// A Universal Action: an invoke the bot answers with the card that replaces this one. Clients without Universal
    /// Actions fall back to an Action.Submit with the same data (the verb included): a message with that value, to
    /// which the bot answers by replacing the card too.
    /// </summary>
    public static JsonObject Execute(string title, string verb, JsonObject? data = null, bool validate = false, string? style = null)
    {
        var payload = data ?? [];
        payload["verb"] = verb;
        var action = new JsonObject { ["type"] = "Action.Execute", ["title"] = title, ["verb"] = verb, ["data"] = payload };
        var fallback = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = payload.DeepClone() };
        if (!validate)
        {
            action["associatedInputs"] = "none";
            fallback["associatedInputs"] = "none";
        }

        if (style is not null)
        {
            action["style"] = style;
            fallback["style"] = style;
        }

        action["fallback"] = fallback;
        return action;
    }

    public static JsonObject ShowCard(string title, JsonObject card) => new() { ["type"] = "Action.ShowCard", ["title"] = title, ["card"] = card };

    public static JsonObject Actions(IEnumerable<JsonNode?> actions) => new()
    {
        ["type"] = "ActionSet",
        ["actions"] = new JsonArray(actions.Where(a => a is not null).ToArray()),
    };

    /// <summary>The card that a ShowCard action opens (no schema header).</summary>
    public static JsonObject Inner(IEnumerable<JsonNode?> body, IEnumerable<JsonNode?> actions) => new()
    {
        ["type"] = "AdaptiveCard",
        ["body"] = new JsonArray(body.Where(b => b is not null).ToArray()),
        ["actions"] = new JsonArray(actions.Where(a => a is not null).ToArray()),
    };
}
