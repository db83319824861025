using System.Net;
using System.Text.Json.Nodes;
using DurableObjects.Functions.IntegrationTests.Http.BadInputSweep;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Http;

/// <summary>
/// Each property the OpenAPI document does not require in a request body may be left out: the valid body without it
/// is not refused for it. The bodies are accepted, so this runs on a host of its own (a sweep host: one of each thing
/// the routes name); runs it starts are cancelled at once.
/// </summary>
public sealed class OpenApiOptionalPropertiesTests(SweepHost sweep) : IClassFixture<SweepHost>
{
    /// <summary>
    /// Values for the properties a body gives instead of one it leaves out, where the document says one of them is
    /// needed (its <c>anyOf</c>): a modification supplies files or asks for a change in a prompt (a prompt-only run
    /// needs a model, so this host answers 503 after checking the input).
    /// </summary>
    private static readonly Dictionary<(string Operation, string Path), JsonNode> Instead = new()
    {
        [("POST /api/objects/{name}/modifications", "prompt")] = "Make Add also accept three numbers.",
    };

    [Fact]
    public async Task RequestBodies_OptionalPropertyLeftOut_IsNotRefusedForIt()
    {
        var findings = new List<string>();
        var accepted = 0;
        foreach (var operation in sweep.Operations)
        {
            if (operation.BodySchema is not { } schema || SweepInputs.ValidBody(operation) is not JsonObject valid)
            {
                continue;
            }
            // The valid body itself leaves out the optional properties it does not give; then each one it gives in turn.
            var optional = OpenApiBodies.Properties(sweep.Document, operation, schema, valid, findings).Where(p => !p.Required).Select(p => p.Path);
            foreach (var path in optional.Prepend(""))
            {
                var body = path.Length == 0 ? (JsonObject)valid.DeepClone() : OpenApiBodies.Without(valid, path);
                if (OpenApiBodies.AnyOf(schema) is { Count: > 0 } anyOf && !anyOf.Any(body.ContainsKey))
                {
                    // Without it the body gives none of those the document asks one of: it gives another instead.
                    if (anyOf.FirstOrDefault(name => Instead.ContainsKey((operation.Key, name))) is not { } other)
                    {
                        findings.Add($"{operation} without {path}: gives none of {string.Join(", ", anyOf)}, and this test has no value for one");
                        continue;
                    }
                    body[other] = Instead[(operation.Key, other)].DeepClone();
                }
                if (body.ContainsKey("baseVersion"))
                {
                    // Made from the latest version: earlier attempts here add versions.
                    body["baseVersion"] = (await sweep.Admin.GetJsonAsync("/api/objects/Calculator"))["latestVersion"]!.DeepClone();
                }
                using var response = await OpenApiBodies.SendAsync(sweep, operation, body);
                var text = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                // Refused for it: a 4xx naming a field the body leaves out. Any other answer is about something else
                // (this host's state: 404 no such run, 409 already exists; 503 no model) and shows the handler did without it.
                var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonNode.Parse(text) : null;
                var named = problem?["errors"]?.AsObject().Select(e => e.Key).FirstOrDefault(field => field == path || OpenApiBodies.Get(body, field) is null);
                if ((status is >= 400 and < 500 && named is not null) || status is >= 500 and not 503)
                {
                    findings.Add($"{operation} without {(path.Length == 0 ? "what the valid body leaves out" : path)}: {status} {OpenApiBodies.Shown(text)}");
                }
                accepted += status < 300 ? 1 : 0;
                await CancelRunAsync(response, text);
            }
        }

        Assert.Empty(findings);
        Assert.True(accepted >= 40, $"Only {accepted} bodies without optional properties were accepted.");
    }

    /// <summary>A run an accepted body started is cancelled at once: only its start was the question.</summary>
    private async Task CancelRunAsync(HttpResponseMessage response, string text)
    {
        if (response.StatusCode == HttpStatusCode.Accepted && JsonNode.Parse(text)?["runId"] is JsonValue runId)
        {
            using var cancelled = await sweep.Admin.PostAsync($"/api/runs/{(string)runId!}/cancel", null);
        }
    }
}
