using System.Text.Json.Nodes;
using DurableObjects.Functions.IntegrationTests.Http.BadInputSweep;

namespace DurableObjects.Functions.IntegrationTests.Http;

/// <summary>Request bodies as the OpenAPI document describes them, for the tests that hold the document to the host.</summary>
internal static class OpenApiBodies
{
    /// <summary>
    /// Each property of <paramref name="schema"/> the valid body gives, with whether the schema requires it, and those
    /// of the nested objects it gives (a run's notify and budget); a required property the valid body lacks is a finding.
    /// </summary>
    public static IEnumerable<(string Path, bool Required)> Properties(
        JsonObject document, ApiOperation operation, JsonObject schema, JsonObject valid, List<string> findings, string prefix = "")
    {
        var required = ApiOperation.RequiredOf(schema);
        findings.AddRange(required.Where(name => valid[name] is null).Select(name => $"{operation}: the valid body lacks required {prefix}{name}"));
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            if (!valid.ContainsKey(name))
            {
                continue;
            }
            yield return (prefix + name, required.Contains(name));
            if (valid[name] is JsonObject given && property!["oneOf"] is not null
                && ApiOperation.Resolve(document, property.AsObject()) is { } nested && nested["properties"] is JsonObject)
            {
                foreach (var inner in Properties(document, operation, nested, given, findings, prefix + name + "."))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>
    /// The properties of which a body must give at least one, as <paramref name="schema"/> states it (<c>anyOf</c> of
    /// one-property <c>required</c> lists); empty when it states no such rule.
    /// </summary>
    public static IReadOnlyList<string> AnyOf(JsonObject schema) =>
        schema["anyOf"]?.AsArray().Select(choice => string.Join(" and ", ApiOperation.RequiredOf(choice!.AsObject()))).ToList() ?? [];

    public static string Url(SweepHost sweep, ApiOperation operation) =>
        operation.PathParameters.Aggregate(operation.Path, (url, p) => url.Replace("{" + p + "}", Uri.EscapeDataString(sweep.Inputs.PathValue(operation, p)!), StringComparison.Ordinal));

    public static Task<HttpResponseMessage> SendAsync(SweepHost sweep, ApiOperation operation, JsonObject body) =>
        sweep.Admin.SendAsync(new HttpRequestMessage(new HttpMethod(operation.Method), Url(sweep, operation)) { Content = SweepHost.Json(body) });

    public static JsonNode? Get(JsonObject body, string path) =>
        path.Split('.').Aggregate((JsonNode?)body, (node, part) => node is JsonObject json ? json[part] : null);

    public static JsonObject Without(JsonObject valid, string path)
    {
        var body = (JsonObject)valid.DeepClone();
        var parts = path.Split('.');
        var target = parts[..^1].Aggregate(body, (node, part) => (JsonObject)node[part]!);
        target.Remove(parts[^1]);
        return body;
    }

    public static string Shown(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
