using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableObjects.Testing;
using Microsoft.AspNetCore.Http;

namespace DurableObjects.Functions.IntegrationTests.Http.BadInputSweep;

/// <summary>
/// Every operation of the API, as its own OpenAPI document lists it, sent bad input as an admin: malformed bodies,
/// bodies of the wrong shape one field at a time, absurd route values, bad query values and a wrong Content-Type.
/// Each answer must be a 4xx problem (application/problem+json with a title, naming the field when one field is
/// wrong), and storage must be exactly as before. Each test reports every finding at once.
/// </summary>
public sealed class ApiBadInputSweepTests(SweepHost sweep) : IClassFixture<SweepHost>
{
    // Not %00: the in-memory client refuses to send a NUL in a path, and Kestrel answers 400 before any route. Not "..":
    // dot segments are resolved by the client (and by Kestrel) before any route, so they name another URL altogether.
    private static readonly string[] AbsurdRouteValues =
    [
        "no-such-thing", "a%2Fb", "%2F", new string('a', 5000), "-1", "0", "99999999999999999999", "%C3%B8", "%20", "%0A",
    ];

    private static readonly string[] NotJson = ["text/plain", "application/x-www-form-urlencoded", "application/xml", ""];

    [Fact]
    public void Sweep_EveryApiOperation_HasValidInputsToStartFrom()
    {
        var missing = new List<string>();
        foreach (var operation in sweep.Operations)
        {
            missing.AddRange(operation.PathParameters.Where(p => sweep.Inputs.PathValue(operation, p) is null).Select(p => $"{operation}: route value {p}"));
            missing.AddRange(operation.QueryParameters.Where(p => SweepInputs.BadQueryValues(p) is null).Select(p => $"{operation}: query {p}"));
            if (operation.BodySchema is not null && SweepInputs.ValidBody(operation) is null)
            {
                missing.Add($"{operation}: a valid body");
            }
        }

        Assert.True(sweep.Operations.Count > 40, $"Only {sweep.Operations.Count} operations in the OpenAPI document.");
        Assert.Empty(missing);
    }

    [Fact]
    public async Task Bodies_MalformedOrOneFieldWrong_Get4xxProblemAndChangeNothing()
    {
        var findings = new List<string>();
        foreach (var operation in sweep.Operations)
        {
            if (SweepInputs.ValidBody(operation) is not JsonObject valid)
            {
                continue;
            }
            await SweepAsync(operation, findings, BadBody.For(sweep.Document, operation, valid).Select(bad => new Attempt(
                bad.Label, ValidUrl(operation), () => new StringContent(bad.Text, Encoding.UTF8, "application/json"), bad.Field)));
        }
        Report(findings);
    }

    [Fact]
    public async Task RouteValues_Absurd_Get4xxProblemAndChangeNothing()
    {
        var findings = new List<string>();
        foreach (var operation in sweep.Operations.Where(o => o.PathParameters.Count > 0))
        {
            var body = SweepInputs.ValidBody(operation);
            var attempts = operation.PathParameters.SelectMany(parameter => AbsurdRouteValues.Select(value => new Attempt(
                $"{{{parameter}}} = {(value.Length > 40 ? $"{value.Length} characters" : value)}",
                Url(operation, p => p == parameter ? value : Uri.EscapeDataString(sweep.Inputs.PathValue(operation, p)!)),
                body is null ? null : () => SweepHost.Json(body), null)));
            await SweepAsync(operation, findings, attempts);
        }
        Report(findings);
    }

    [Fact]
    public async Task QueryValues_Bad_Get4xxProblemAndChangeNothing()
    {
        var findings = new List<string>();
        foreach (var operation in sweep.Operations.Where(o => o.QueryParameters.Count > 0))
        {
            var body = SweepInputs.ValidBody(operation);
            var attempts = new List<Attempt>();
            foreach (var parameter in operation.QueryParameters)
            {
                var values = SweepInputs.BadQueryValues(parameter) ?? [];
                if (values.Count == 0)
                {
                    // A free-text filter: any value is a valid filter (that matches nothing); it must still not break the host.
                    values = [new string('a', 5000), "%00", "%2F..%2F"];
                }
                attempts.AddRange(values.Select(value => new Attempt(
                    $"?{parameter}={(value.Length > 40 ? $"{value.Length} characters" : value)}",
                    ValidUrl(operation) + $"?{parameter}={(value.Contains('%', StringComparison.Ordinal) ? value : Uri.EscapeDataString(value))}",
                    body is null ? null : () => SweepHost.Json(body), parameter,
                    FreeText: SweepInputs.BadQueryValues(parameter) is { Count: 0 })));
            }
            await SweepAsync(operation, findings, attempts);
        }
        Report(findings);
    }

    [Fact]
    public async Task ContentType_NotJson_Gets415ProblemAndChangesNothing()
    {
        var findings = new List<string>();
        foreach (var operation in sweep.Operations.Where(o => o.BodySchema is not null))
        {
            var text = SweepInputs.ValidBody(operation)!.ToJsonString();
            var attempts = NotJson.Select(type => new Attempt(
                $"Content-Type {(type.Length == 0 ? "missing" : type)}", ValidUrl(operation), () =>
                {
                    var content = new StringContent(text, Encoding.UTF8);
                    content.Headers.ContentType = type.Length == 0 ? null : new MediaTypeHeaderValue(type);
                    return content;
                }, null, Expected: StatusCodes.Status415UnsupportedMediaType));
            await SweepAsync(operation, findings, attempts);
        }
        Report(findings);
    }

    private sealed record Attempt(string Label, string Url, Func<HttpContent>? Content, string? Field, bool FreeText = false, int? Expected = null);

    private string ValidUrl(ApiOperation operation) => Url(operation, p => Uri.EscapeDataString(sweep.Inputs.PathValue(operation, p)!));

    private static string Url(ApiOperation operation, Func<string, string> value) =>
        operation.PathParameters.Aggregate(operation.Path, (path, p) => path.Replace("{" + p + "}", value(p), StringComparison.Ordinal));

    /// <summary>Sends the attempts in turn, judges each answer, and checks storage did not change across them.</summary>
    private async Task SweepAsync(ApiOperation operation, List<string> findings, IEnumerable<Attempt> attempts)
    {
        var before = await StorageSnapshot.TakeAsync(sweep.Host);
        var accepted = new List<string>();
        foreach (var attempt in attempts)
        {
            using var request = new HttpRequestMessage(new HttpMethod(operation.Method), attempt.Url);
            request.Content = attempt.Content?.Invoke();
            using var response = await sweep.Admin.SendAsync(request);
            var status = (int)response.StatusCode;
            if (status < 300)
            {
                accepted.Add(attempt.Label);
            }
            if (await JudgeAsync(response, attempt) is { } finding && !SweepInputs.AnsweredByDesign(operation, response))
            {
                findings.Add($"{operation} [{attempt.Label}]: {finding}");
            }
        }
        var after = await StorageSnapshot.TakeAsync(sweep.Host);
        if (after != before)
        {
            var was = before.Split('\n').ToHashSet();
            var now = after.Split('\n').ToHashSet();
            var changed = now.Except(was).Select(l => "+ " + l).Concat(was.Except(now).Select(l => "- " + l)).Take(6);
            findings.Add($"{operation}: storage changed (accepted: {(accepted.Count == 0 ? "none" : string.Join("; ", accepted))}): {string.Join(" ", changed)}");
        }
    }

    private static async Task<string?> JudgeAsync(HttpResponseMessage response, Attempt attempt)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var shown = text.Length > 300 ? text[..300] + "…" : text;
        if (attempt.FreeText && status is >= 200 and < 300)
        {
            return null;
        }
        if (status is < 400 or >= 500 || (attempt.Expected is { } expected && status != expected))
        {
            return $"{status} {shown}";
        }
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} with Content-Type '{response.Content.Headers.ContentType}': {shown}";
        }
        JsonObject? problem;
        try
        {
            problem = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            problem = null;
        }
        if (problem is null || string.IsNullOrWhiteSpace((string?)problem["title"]) || (int?)problem["status"] != status)
        {
            return $"{status}, not a problem with a title and status: {shown}";
        }
        // A 400 says which field is wrong; a 404, 409 or 422 is about the thing named (no such version, the code cannot serve).
        if (status == 400 && attempt.Field is { } field && !text.Contains(field, StringComparison.OrdinalIgnoreCase))
        {
            return $"{status}, does not name '{field}': {shown}";
        }
        return null;
    }

    private static void Report(List<string> findings)
    {
        if (findings.Count > 0)
        {
            Assert.Fail($"{findings.Count} findings:\n" + string.Join("\n", findings));
        }
    }
}
