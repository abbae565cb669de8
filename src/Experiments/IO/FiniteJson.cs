using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SparseIhtVerify.Experiments.IO;

/// <summary>
/// JSON in which every number is a number, for readers such as Python's <c>json</c> with strict settings or pandas: a
/// non-finite double (+∞ PSNR of an exact fit, κ = ∞ of a singular G_S, a NaN) is written as <c>null</c>, and the
/// document's top level gets <c>"nonFinite": {"metrics.psnrDb": "Infinity", …}</c>, naming each such field by its path
/// (<c>a.b</c>, <c>a[3].b</c>) with <c>Infinity</c>, <c>-Infinity</c> or <c>NaN</c>; a null that is not listed there is
/// a value that is absent. <see cref="Deserialize{T}"/> puts the values back, so documents round-trip exactly.
/// </summary>
public static class FiniteJson
{
    /// <summary>The top-level property that lists the non-finite numbers.</summary>
    public const string FlagProperty = "nonFinite";

    private static readonly string[] Literals = ["NaN", "Infinity", "-Infinity"];

    /// <summary>
    /// <paramref name="value"/> as JSON by <paramref name="options"/> (which must allow named floating-point literals,
    /// as <see cref="System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals"/> does), with
    /// the non-finite numbers replaced by null and listed under <see cref="FlagProperty"/>.
    /// </summary>
    public static string Serialize<T>(T value, JsonSerializerOptions options)
    {
        // Most documents have no non-finite number: then the plain text is the answer, and no node tree is built.
        string plain = JsonSerializer.Serialize(value, options);
        if (!Literals.Any(literal => plain.Contains($"\"{literal}\"", StringComparison.Ordinal)))
        {
            return plain;
        }

        JsonNode? node = JsonNode.Parse(plain);
        var flags = new JsonObject();
        if (Literal(node) is not null)
        {
            throw new ArgumentException("a bare non-finite number has no object to list it in", nameof(value));
        }

        Visit(node, string.Empty, flags);
        if (flags.Count > 0)
        {
            if (node is not JsonObject document)
            {
                throw new ArgumentException("only a JSON object can carry the list of its non-finite numbers", nameof(value));
            }

            document[FlagProperty] = flags;
        }

        return node?.ToJsonString(options) ?? "null";
    }

    /// <summary>Reads a document written by <see cref="Serialize{T}"/> (or one without non-finite numbers).</summary>
    public static T? Deserialize<T>(string json, JsonSerializerOptions options)
    {
        if (!json.Contains($"\"{FlagProperty}\"", StringComparison.Ordinal))
        {
            return JsonSerializer.Deserialize<T>(json, options);
        }

        JsonNode? node = JsonNode.Parse(json);
        if (node is JsonObject document && document[FlagProperty] is JsonObject flags)
        {
            document.Remove(FlagProperty);
            foreach ((string path, JsonNode? literal) in flags.ToArray())
            {
                Set(document, path, JsonValue.Create(literal?.GetValue<string>()));
            }
        }

        return node is null ? default : node.Deserialize<T>(options);
    }

    // Replaces, in place, every non-finite number under the container by null, recording its path.
    private static void Visit(JsonNode? node, string path, JsonObject flags)
    {
        if (node is JsonObject o)
        {
            foreach ((string key, JsonNode? child) in o.ToArray())
            {
                string at = path.Length == 0 ? key : $"{path}.{key}";
                if (Literal(child) is string literal)
                {
                    o[key] = null;
                    flags[at] = literal;
                }
                else
                {
                    Visit(child, at, flags);
                }
            }
        }
        else if (node is JsonArray a)
        {
            for (int i = 0; i < a.Count; i++)
            {
                string at = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
                if (Literal(a[i]) is string literal)
                {
                    a[i] = null;
                    flags[at] = literal;
                }
                else
                {
                    Visit(a[i], at, flags);
                }
            }
        }
    }

    // "NaN", "Infinity" or "-Infinity" when the node is the serializer's string for a non-finite number, else null.
    private static string? Literal(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && Literals.Contains(v.GetValue<string>()) ? v.GetValue<string>() : null;

    private static void Set(JsonObject document, string path, JsonNode? value)
    {
        JsonNode current = document;
        string[] parts = path.Split('.');
        for (int p = 0; p < parts.Length; p++)
        {
            string part = parts[p];
            int bracket = part.IndexOf('[', StringComparison.Ordinal);
            string key = bracket < 0 ? part : part[..bracket];
            var indices = bracket < 0 ? [] : part[bracket..].Trim('[', ']').Split("][").Select(i => int.Parse(i, CultureInfo.InvariantCulture)).ToArray();
            bool last = p == parts.Length - 1;
            if (indices.Length == 0 && last)
            {
                current.AsObject()[key] = value;
                return;
            }

            JsonNode next = key.Length > 0 ? current.AsObject()[key] ?? throw new JsonException($"'{FlagProperty}' names '{path}', which the document lacks") : current;
            for (int i = 0; i < indices.Length; i++)
            {
                if (last && i == indices.Length - 1)
                {
                    next.AsArray()[indices[i]] = value;
                    return;
                }

                next = next.AsArray()[indices[i]] ?? throw new JsonException($"'{FlagProperty}' names '{path}', which the document lacks");
            }

            current = next;
        }
    }
}
