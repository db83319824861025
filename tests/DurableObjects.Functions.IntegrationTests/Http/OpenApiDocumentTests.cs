using System.Net;
using System.Text.Json.Nodes;
using DurableObjects.Functions.IntegrationTests.Http.BadInputSweep;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Http;

/// <summary>
/// The OpenAPI document tells the truth about bodies, checked against the host that serves it: each property a
/// request schema requires is one its handler refuses without (400 problem naming it, nothing stored), each other
/// property may be left out (<see cref="OpenApiOptionalPropertiesTests"/>, on a host of its own: it changes things),
/// a body that gives none of the properties its schema's <c>anyOf</c> asks one of is refused,
/// request schemas list no field the host never reads, and each property a response schema requires is in the
/// answers, not null. Every finding is reported at once.
/// </summary>
public sealed class OpenApiDocumentTests(SweepHost sweep) : IClassFixture<SweepHost>
{
    [Fact]
    public async Task RequestBodies_RequiredPropertyLeftOut_Get400ProblemNamingItAndChangeNothing()
    {
        var findings = new List<string>();
        var tried = 0;
        var before = await StorageSnapshot.TakeAsync(sweep.Host);
        foreach (var operation in sweep.Operations)
        {
            // Invoke's body is the method's arguments: no schema the document could state.
            if (operation.BodySchema is not { } schema || SweepInputs.ValidBody(operation) is not JsonObject valid)
            {
                continue;
            }
            foreach (var (path, required) in OpenApiBodies.Properties(sweep.Document, operation, schema, valid, findings))
            {
                if (!required)
                {
                    continue;
                }
                tried++;
                using var response = await OpenApiBodies.SendAsync(sweep, operation, OpenApiBodies.Without(valid, path));
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.BadRequest || response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                    || JsonNode.Parse(text)?["errors"]?[path] is null)
                {
                    findings.Add($"{operation} without {path}: {(int)response.StatusCode} {OpenApiBodies.Shown(text)}");
                }
            }
        }
        var after = await StorageSnapshot.TakeAsync(sweep.Host);

        Assert.True(tried >= 15, $"Only {tried} required properties in the document's request bodies.");
        Assert.Empty(findings);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task RequestBodies_NoneOfTheirAnyOfGiven_Get400ProblemAndChangeNothing()
    {
        var findings = new List<string>();
        var rules = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var before = await StorageSnapshot.TakeAsync(sweep.Host);
        foreach (var operation in sweep.Operations)
        {
            if (operation.BodySchema is not { } schema || SweepInputs.ValidBody(operation) is not JsonObject valid
                || OpenApiBodies.AnyOf(schema) is not { Count: > 0 } anyOf)
            {
                continue;
            }
            rules[operation.Key] = string.Join(" | ", anyOf);
            var body = (JsonObject)valid.DeepClone();
            foreach (var name in anyOf)
            {
                body.Remove(name);
            }
            using var response = await OpenApiBodies.SendAsync(sweep, operation, body);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                findings.Add($"{operation} without any of {rules[operation.Key]}: {(int)response.StatusCode} {OpenApiBodies.Shown(text)}");
            }
            else if (JsonNode.Parse(text)?["errors"] is not JsonObject errors || !anyOf.Any(errors.ContainsKey))
            {
                // The answer names the fields to give, as any other refused field is named.
                findings.Add($"{operation} without any of {rules[operation.Key]}: errors name none of them: {OpenApiBodies.Shown(text)}");
            }
        }
        var after = await StorageSnapshot.TakeAsync(sweep.Host);

        // The bodies that need one of several properties, which a required list cannot say.
        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["PATCH /api/users/{userId}"] = "role | disabled",
                ["POST /api/objects/{name}/modifications"] = "prompt | files",
            },
            rules);
        Assert.Empty(findings);
        Assert.Equal(before, after);
    }

    [Fact]
    public void RequestSchemas_ListNoPropertyTheHostNeverReads()
    {
        var readOnly = new List<string>();
        foreach (var operation in sweep.Operations.Where(o => o.BodySchema is not null))
        {
            Walk(operation.BodySchema!, operation.Key, 0);
        }

        Assert.Empty(readOnly);
        // A run's budget is its two limits: whether it is unlimited is computed from them, never sent.
        foreach (var key in new[] { "POST /api/objects/{name}/modifications", "POST /api/objects/from-scratch" })
        {
            var body = sweep.Operations.Single(o => o.Key == key).BodySchema!;
            var budget = ApiOperation.Resolve(sweep.Document, body["properties"]!["budget"]!.AsObject())!;
            Assert.Equal("maxCost maxTokens", string.Join(" ", budget["properties"]!.AsObject().Select(p => p.Key).Order()));
            Assert.Empty(ApiOperation.RequiredOf(budget));
        }

        void Walk(JsonObject schema, string where, int depth)
        {
            foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
            {
                if ((bool?)property!["readOnly"] == true)
                {
                    readOnly.Add($"{where}: {name}");
                }
                if (depth < 3 && ApiOperation.Resolve(sweep.Document, property.AsObject()) is { } nested && nested != property)
                {
                    Walk(nested, $"{where}: {name}", depth + 1);
                }
            }
        }
    }

    [Fact]
    public async Task ResponseSchemas_RequiredProperties_ArePresentAndNotNullInAnswers()
    {
        var findings = new List<string>();
        var checkedAnswers = 0;
        foreach (var (path, item) in sweep.Document["paths"]!.AsObject())
        {
            var operation = sweep.Operations.SingleOrDefault(o => o.Path == path && o.Method == "GET");
            var schema = item!["get"]?["responses"]?["200"]?["content"]?["application/json"]?["schema"]?.AsObject();
            if (operation is null || schema is null || operation.PathParameters.Any(p => sweep.Inputs.PathValue(operation, p) is null))
            {
                continue;
            }
            var url = OpenApiBodies.Url(sweep, operation);
            using var response = await sweep.Admin.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "application/json")
            {
                continue;
            }
            checkedAnswers++;
            Check(JsonNode.Parse(await response.Content.ReadAsStringAsync()), schema, $"GET {url}", findings);
        }

        Assert.True(checkedAnswers >= 12, $"Only {checkedAnswers} answers checked.");
        Assert.Empty(findings);
    }

    /// <summary>Finds required properties missing or null in <paramref name="value"/>, through nested objects, arrays and maps.</summary>
    private void Check(JsonNode? value, JsonObject schema, string where, List<string> findings)
    {
        if (value is null)
        {
            return;
        }
        if (schema["$ref"] is not null || schema["oneOf"] is not null)
        {
            if (ApiOperation.Resolve(sweep.Document, schema) is { } resolved && resolved != schema)
            {
                Check(value, resolved, where, findings);
            }
            return;
        }
        if (value is JsonArray array && schema["items"] is JsonObject items)
        {
            foreach (var element in array.Take(5))
            {
                Check(element, items, where + "[]", findings);
            }
            return;
        }
        if (value is not JsonObject json)
        {
            return;
        }
        foreach (var name in ApiOperation.RequiredOf(schema).Where(name => json[name] is null))
        {
            findings.Add($"{where}: required '{name}' is {(json.ContainsKey(name) ? "null" : "absent")}: {OpenApiBodies.Shown(json.ToJsonString())}");
        }
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            Check(json[name], property!.AsObject(), $"{where}.{name}", findings);
        }
        if (schema["additionalProperties"] is JsonObject values)
        {
            foreach (var (name, entry) in json.Where(p => schema["properties"]?[p.Key] is null).Take(5))
            {
                Check(entry, values, $"{where}.{name}", findings);
            }
        }
    }
}
