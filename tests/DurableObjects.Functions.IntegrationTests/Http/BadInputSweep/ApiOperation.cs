using System.Text.Json.Nodes;

namespace DurableObjects.Functions.IntegrationTests.Http.BadInputSweep;

/// <summary>One operation of the host's OpenAPI document: its method, route, parameters and body schema.</summary>
public sealed record ApiOperation(
    string Method, string Path, IReadOnlyList<string> PathParameters, IReadOnlyList<string> QueryParameters, JsonObject? BodySchema, bool BodyOptional)
{
    public string Key => $"{Method} {Path}";

    public override string ToString() => Key;

    /// <summary>Every operation under <c>/api/</c> in the document, with body schemas resolved (<c>$ref</c>, nullable <c>oneOf</c>).</summary>
    public static IReadOnlyList<ApiOperation> AllFrom(JsonObject document)
    {
        var operations = new List<ApiOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var (method, node) in item!.AsObject())
            {
                var parameters = node!["parameters"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
                var body = node["requestBody"]?["content"]?["application/json"]?["schema"]?.AsObject();
                var resolved = body is null ? null : Resolve(document, body);
                operations.Add(new ApiOperation(
                    method.ToUpperInvariant(), path,
                    parameters.Where(p => (string?)p["in"] == "path").Select(p => (string)p["name"]!).ToList(),
                    parameters.Where(p => (string?)p["in"] == "query").Select(p => (string)p["name"]!).ToList(),
                    resolved, body is not null && IsNullable(body)));
            }
        }
        return operations;
    }

    /// <summary>
    /// The object schema behind a <c>$ref</c>, a nullable <c>oneOf</c> or an <c>allOf</c> (its parts' properties and
    /// required lists together: a shared type with what one operation requires besides); null when it is not an object.
    /// </summary>
    public static JsonObject? Resolve(JsonObject document, JsonObject schema)
    {
        if (schema["$ref"] is { } reference)
        {
            var name = ((string)reference!).Split('/')[^1];
            return Resolve(document, document["components"]!["schemas"]![name]!.AsObject());
        }
        if (schema["oneOf"] is JsonArray choices)
        {
            return choices.Select(c => c!.AsObject()).Where(c => c["$ref"] is not null).Select(c => Resolve(document, c)).FirstOrDefault();
        }
        if (schema["allOf"] is JsonArray parts)
        {
            var properties = new JsonObject();
            var required = new JsonArray();
            foreach (var part in parts.Select(p => Resolve(document, p!.AsObject())).OfType<JsonObject>())
            {
                foreach (var (name, property) in part["properties"]?.AsObject() ?? [])
                {
                    properties[name] = property?.DeepClone();
                }
                foreach (var name in RequiredOf(part).Where(n => !required.Any(r => (string?)r == n)))
                {
                    required.Add(name);
                }
            }
            return new JsonObject { ["type"] = "object", ["properties"] = properties, ["required"] = required };
        }
        return schema;
    }

    /// <summary>The names an object schema lists as <c>required</c>.</summary>
    public static IReadOnlySet<string> RequiredOf(JsonObject schema) =>
        (schema["required"]?.AsArray().Select(n => (string)n!) ?? []).ToHashSet(StringComparer.Ordinal);

    private static bool IsNullable(JsonObject schema) =>
        schema["oneOf"] is JsonArray choices && choices.Any(c => (string?)c?["type"] == "null");
}
