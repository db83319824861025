using System.Text.Json.Nodes;

namespace DurableObjects.Functions.IntegrationTests.Http.BadInputSweep;

/// <summary>
/// One bad request body: what is wrong with it, its text, and the field the answer should name (null when the
/// whole body is wrong).
/// </summary>
public sealed record BadBody(string Label, string Text, string? Field)
{
    public const int Overlong = 100_000;

    /// <summary>Bodies wrong as a whole, then the valid body with one field made wrong at a time.</summary>
    public static IEnumerable<BadBody> For(JsonObject document, ApiOperation operation, JsonObject valid)
    {
        var text = valid.ToJsonString();
        yield return new("truncated JSON", text[..(text.Length / 2)], null);
        yield return new("not JSON", "not json at all", null);
        yield return new("trailing comma", text[..^1] + ",}", null);
        yield return new("array instead of object", "[" + text + "]", null);
        yield return new("string instead of object", "\"text\"", null);
        yield return new("number instead of object", "42", null);
        if (!operation.BodyOptional)
        {
            yield return new("null body", "null", null);
            yield return new("empty body", "", null);
        }
        if (operation.BodySchema is not { } body || body["properties"] is not JsonObject)
        {
            yield break;
        }
        foreach (var bad in ForProperties(document, operation, valid, body, ""))
        {
            yield return bad;
        }
    }

    /// <summary>Each property of <paramref name="objectSchema"/> wrong in turn (null where the schema requires it).</summary>
    private static IEnumerable<BadBody> ForProperties(JsonObject document, ApiOperation operation, JsonObject valid, JsonObject objectSchema, string prefix)
    {
        var required = ApiOperation.RequiredOf(objectSchema);
        foreach (var (name, node) in objectSchema["properties"]!.AsObject())
        {
            var schema = node!.AsObject();
            var path = prefix + name;
            foreach (var (label, value) in BadValues(operation, name, schema, required.Contains(name)))
            {
                if (SweepInputs.ByDesign(operation, path, label) is not null)
                {
                    continue;
                }
                var body = (JsonObject)valid.DeepClone();
                Set(body, path, value);
                yield return new($"{path}: {label}", body.ToJsonString(), name);
            }
            if (schema["oneOf"] is JsonArray && Get(valid, path) is JsonObject && ApiOperation.Resolve(document, schema) is { } nested && nested["properties"] is JsonObject)
            {
                // One level down (a run's notify and budget): each of their fields wrong in turn.
                foreach (var bad in ForProperties(document, operation, valid, nested, path + "."))
                {
                    yield return bad;
                }
            }
        }
    }

    private static IEnumerable<(string Label, JsonNode? Value)> BadValues(ApiOperation operation, string name, JsonObject schema, bool required)
    {
        var types = TypesOf(schema);
        if (required)
        {
            yield return ("null where required", null);
        }
        if (types.Contains("integer") || types.Contains("number"))
        {
            yield return ("not a number", "abc");
            yield return ("boolean", true);
            yield return ("object", new JsonObject());
            yield return ("negative", -1);
            yield return ("zero", 0);
            yield return ("overflow", JsonNode.Parse("1e400"));
            if (types.Contains("integer") && (string?)schema["format"] == "int64")
            {
                yield return ("fraction", 1.5);
                yield return ("beyond int64", JsonNode.Parse("9223372036854775808"));
            }
            else if (types.Contains("integer"))
            {
                yield return ("fraction", 1.5);
                yield return ("beyond int32", 2147483648L);
                yield return ("int32 maximum", int.MaxValue);
            }
            else
            {
                yield return ("huge", 1e300);
            }
        }
        else if (types.Contains("boolean"))
        {
            yield return ("string", "yes");
            yield return ("number", 1);
            yield return ("object", new JsonObject());
        }
        else if (types.Contains("object") || schema["additionalProperties"] is not null)
        {
            yield return ("string", "text");
            yield return ("array", new JsonArray("a"));
            yield return ("number value", new JsonObject { ["Key.cs"] = 1 });
            yield return ("overlong value", new JsonObject { ["Key.cs"] = new string('x', Overlong) });
        }
        else if (schema["oneOf"] is JsonArray)
        {
            // A nested record (notify, budget) or a name parsed by a converter (role).
            yield return ("number", 42);
            yield return ("array", new JsonArray());
            if (SweepInputs.IsConstrained(operation, name))
            {
                yield return ("unknown name", "no-such-value");
            }
        }
        else
        {
            yield return ("number", 12345);
            yield return ("boolean", true);
            yield return ("object", new JsonObject());
            yield return ("overlong", new string('x', Overlong));
            if (SweepInputs.IsConstrained(operation, name))
            {
                yield return ("unknown value", "no such value ✗");
            }
        }
    }

    private static HashSet<string> TypesOf(JsonObject schema) => schema["type"] switch
    {
        JsonArray many => many.Select(t => (string)t!).ToHashSet(),
        JsonValue one => [(string)one!],
        _ => [],
    };

    private static JsonNode? Get(JsonObject body, string path) =>
        path.Split('.').Aggregate((JsonNode?)body, (node, part) => node?[part]);

    private static void Set(JsonObject body, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var target = body;
        foreach (var part in parts[..^1])
        {
            target = (JsonObject)target[part]!;
        }
        target[parts[^1]] = value;
    }
}
