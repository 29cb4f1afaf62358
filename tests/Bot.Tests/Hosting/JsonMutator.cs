using System.Text;
using System.Text.Json.Nodes;

namespace SosepBot.Bot.Tests.Hosting;

/// <summary>Seeded mutations of a JSON document, structural (on the tree) and raw (on the bytes).</summary>
internal sealed class JsonMutator(Random random)
{
    private static readonly string[] Controls = ["\u202E", "\u202D", "\u2066", "\u200B", "\u200D", "\uFEFF", "\u0000", "\u0007", "\u001B[31m", "\r\n", "\uD800", "\uDFFF", "\uFFFF", "👩‍💻", "\u0301\u0301\u0301"];

    public byte[] Mutate(string seed, int maxHugeBytes)
    {
        var node = JsonNode.Parse(seed)!;
        var structural = random.Next(0, 3);
        for (var i = 0; i < structural; i++)
        {
            node = MutateTree(node, maxHugeBytes);
        }

        var text = node.ToJsonString();
        return random.Next(0, 4) switch
        {
            0 => Bytes(text),
            _ => MutateRaw(text),
        };
    }

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private JsonNode MutateTree(JsonNode root, int maxHugeBytes)
    {
        var slots = new List<(JsonNode Parent, string? Key, int Index)>();
        Collect(root, slots);
        if (slots.Count == 0)
        {
            return root;
        }

        var (parent, key, index) = slots[random.Next(slots.Count)];
        JsonNode? current = key is null ? parent.AsArray()[index] : parent.AsObject()[key];
        JsonNode? replacement = random.Next(0, 10) switch
        {
            0 => null,
            1 => WrongType(),
            2 => JsonValue.Create(new string((char)random.Next('a', 'z' + 1), random.Next(1_000, maxHugeBytes))),
            3 => JsonValue.Create(WithControls(current is JsonValue v && v.TryGetValue<string>(out var s) ? s : "texto")),
            4 => Nested(random.Next(2, 40)),
            5 => JsonValue.Create(Extreme()),
            6 => new JsonObject { ["inesperado"] = WrongType() },
            7 => JsonValue.Create(string.Empty),
            8 => JsonValue.Create("   "),
            _ => new JsonArray(WrongType(), WrongType()),
        };

        if (key is null)
        {
            parent.AsArray()[index] = replacement;
        }
        else if (random.Next(0, 8) == 0)
        {
            parent.AsObject().Remove(key);
        }
        else
        {
            parent.AsObject()[key] = replacement;
        }

        return root;
    }

    private byte[] MutateRaw(string text)
    {
        switch (random.Next(0, 7))
        {
            case 0: // truncation
                return Bytes(text[..random.Next(0, text.Length)]);
            case 1: // a duplicated key, first with another value
                {
                    var at = text.IndexOf(':', StringComparison.Ordinal);
                    var keyStart = text.IndexOf('"', StringComparison.Ordinal);
                    if (at < 0 || keyStart < 0 || keyStart > at)
                    {
                        return Bytes(text);
                    }

                    var key = text[keyStart..at];
                    return Bytes(text.Insert(1, $"{key}:{WrongType()?.ToJsonString() ?? "null"},"));
                }

            case 2: // deep nesting, deeper than any reader's default
                {
                    var depth = random.Next(60, 5_000);
                    return Bytes(text.Insert(1, "\"hondo\":" + new string('[', depth) + new string(']', depth) + ","));
                }

            case 3: // random bytes flipped in place
                {
                    var bytes = Bytes(text);
                    for (var i = random.Next(1, 8); i > 0 && bytes.Length > 0; i--)
                    {
                        bytes[random.Next(bytes.Length)] = (byte)random.Next(0, 256);
                    }

                    return bytes;
                }

            case 4: // nothing but random bytes
                {
                    var bytes = new byte[random.Next(0, 2_000)];
                    random.NextBytes(bytes);
                    return bytes;
                }

            case 5: // raw control characters and invalid escapes inside strings
                {
                    var quote = text.IndexOf("\":\"", StringComparison.Ordinal);
                    var noise = random.Next(0, 3) switch { 0 => "\\ud800\\u0000", 1 => "\u0001\u001f", _ => "\\x41\\" };
                    return quote < 0 ? Bytes(text) : Bytes(text.Insert(quote + 3, noise));
                }

            default: // another top-level kind
                return Bytes(random.Next(0, 4) switch { 0 => "[" + text + "]", 1 => "null", 2 => "\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"", _ => "12" });
        }
    }

    private static void Collect(JsonNode node, List<(JsonNode, string?, int)> slots)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                {
                    slots.Add((o, key, -1));
                    if (child is not null)
                    {
                        Collect(child, slots);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    slots.Add((a, null, i));
                    if (a[i] is { } child)
                    {
                        Collect(child, slots);
                    }
                }

                break;
        }
    }

    private JsonNode? WrongType() => random.Next(0, 6) switch
    {
        0 => JsonValue.Create(random.Next(int.MinValue, int.MaxValue)),
        1 => JsonValue.Create(random.Next(0, 2) == 0),
        2 => new JsonArray(),
        3 => new JsonObject(),
        4 => JsonValue.Create(random.NextDouble() * 1e300),
        _ => null,
    };

    private string WithControls(string value)
    {
        var builder = new StringBuilder(value);
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            builder.Insert(random.Next(0, builder.Length + 1), Controls[random.Next(Controls.Length)]);
        }

        return builder.ToString();
    }

    private JsonNode Nested(int depth)
    {
        JsonNode node = JsonValue.Create("fondo");
        for (var i = 0; i < depth; i++)
        {
            node = random.Next(0, 2) == 0 ? new JsonArray(node) : new JsonObject { ["n"] = node };
        }

        return node;
    }

    private decimal Extreme() => random.Next(0, 4) switch
    {
        0 => decimal.MaxValue,
        1 => decimal.MinValue,
        2 => -0.000000000000000000001m,
        _ => long.MaxValue,
    };
}
