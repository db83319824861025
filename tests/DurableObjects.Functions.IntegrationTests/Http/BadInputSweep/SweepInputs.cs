using System.Text.Json.Nodes;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Http.BadInputSweep;

/// <summary>
/// What the sweep needs to know beyond the OpenAPI document: a valid value for each route parameter and a valid
/// body for each operation (so that one bad field at a time is what the host judges), which string fields take
/// only certain values, and bad values for each query parameter. Which fields may not be null the document says
/// (their schemas' <c>required</c> lists; <see cref="Http.OpenApiDocumentTests"/> shows each is refused without).
/// </summary>
public sealed record SweepInputs(string UserId, string TokenId, string MonitorId)
{
    /// <summary>A run id of the right form that names no run (runs are not started here: they need runners).</summary>
    public const string RunId = "0123456789abcdef0123456789abcdef";

    public string? PathValue(ApiOperation operation, string parameter) => parameter switch
    {
        "name" => "Calculator",
        "method" => "Add",
        "version" => "1",
        "userId" => UserId,
        "tokenId" => TokenId,
        "channel" => "C0123456789",
        "id" => operation.Path.StartsWith("/api/runs/", StringComparison.Ordinal) ? RunId : MonitorId,
        _ => null,
    };

    public static JsonObject Monitor() => new()
    {
        ["name"] = "Swept",
        ["eventType"] = "object.*",
        ["subject"] = "object/calculator",
        ["conditions"] = new JsonObject { ["status"] = "failed" },
        ["channel"] = "email",
        ["target"] = "admin@example.com",
        ["rateLimitPerHour"] = 10,
        ["quietHours"] = "22:00-07:00",
        ["timeZone"] = "UTC",
        ["action"] = "notify",
        // Disabled: the monitor scan must not write (watermarks, outbox) while the sweep compares storage.
        ["enabled"] = false,
    };

    private static JsonObject Notify() => new() { ["channel"] = "email", ["target"] = "admin@example.com" };

    private static JsonObject Budget() => new() { ["maxCost"] = 1.5, ["maxTokens"] = 100000 };

    private static JsonObject Files(string content) => new() { ["Calculator.cs"] = content };

    /// <summary>A body the operation would accept; null when the operation takes none.</summary>
    public static JsonNode? ValidBody(ApiOperation operation) => operation.Key switch
    {
        "POST /api/objects" => new JsonObject { ["name"] = "Swept", ["description"] = "d", ["files"] = Files(Api.CalculatorV1), ["summary"] = "s" },
        "PATCH /api/objects/{name}" => new JsonObject { ["description"] = "changed", ["publicInvoke"] = true },
        "POST /api/objects/{name}/rollback" => new JsonObject { ["version"] = 1 },
        "POST /api/objects/{name}/versions" => new JsonObject
        {
            ["files"] = Files(Api.CalculatorV1.Replace("Adds", "Sums", StringComparison.Ordinal)), ["summary"] = "s", ["baseVersion"] = 2,
        },
        "POST /api/objects/{name}/deploy" => new JsonObject { ["version"] = 2, ["environment"] = "staging" },
        "POST /api/objects/{name}/promote" => new JsonObject { ["from"] = "staging" },
        "POST /api/objects/{name}/invoke/{method}" => new JsonObject { ["a"] = 1, ["b"] = 2 },
        "POST /api/tokens" => new JsonObject { ["name"] = "laptop" },
        "POST /api/users" => new JsonObject { ["name"] = "newcomer", ["role"] = "member" },
        "PATCH /api/users/{userId}" => new JsonObject { ["role"] = "admin", ["disabled"] = true },
        "POST /api/objects/{name}/modifications" => new JsonObject
        {
            ["files"] = Files(Api.CalculatorV1.Replace("Adds", "Sums", StringComparison.Ordinal)), ["summary"] = "s",
            ["requireApproval"] = true, ["deploy"] = false, ["notify"] = Notify(), ["budget"] = Budget(), ["baseVersion"] = 2,
        },
        "POST /api/objects/from-scratch" => new JsonObject
        {
            ["name"] = "Fresh", ["description"] = "d", ["requirements"] = "Adds two numbers.", ["requireApproval"] = true,
            ["notify"] = Notify(), ["budget"] = Budget(),
        },
        "POST /api/runs/{id}/approve" or "POST /api/runs/{id}/reject" => new JsonObject { ["comment"] = "fine" },
        "PUT /api/objects/{name}/pipeline-policy" => new JsonObject
        {
            ["maxIterations"] = 3, ["constraintThreshold"] = 0.95, ["factualityThreshold"] = 0.95, ["preferenceThreshold"] = 0.95,
            ["requireApproval"] = true, ["approvalExpiry"] = "1.00:00:00", ["deploy"] = false, ["mutationThreshold"] = 0.95,
            ["maxCost"] = 5, ["maxTokens"] = 100000,
        },
        "PUT /api/me/phone" => new JsonObject { ["phone"] = "+15555550123" },
        "POST /api/me/phone/verify" or "POST /api/me/slack/verify" => new JsonObject { ["code"] = "123456" },
        "PUT /api/me/contact" => new JsonObject { ["email"] = "admin@example.com", ["slack"] = "U0123456789", ["preferredChannel"] = "email" },
        "POST /api/monitors" or "PATCH /api/monitors/{id}" => Monitor(),
        "PUT /api/me/slack" => new JsonObject { ["slackUserId"] = "U0123456789" },
        _ => null,
    };

    /// <summary>String fields that take only names, identifiers or formats (free text such as a description is not one).</summary>
    public static bool IsConstrained(ApiOperation operation, string field) => field switch
    {
        "role" or "environment" or "from" or "preferredChannel" or "channel" or "action" or "timeZone" or "quietHours"
            or "schedule" or "eventType" or "phone" or "email" or "approvalExpiry" or "code" or "slackUserId" or "slack" => true,
        // Object, user and run names are identifiers; token and monitor names are labels.
        "name" => operation.Key is "POST /api/objects" or "POST /api/users" or "POST /api/objects/from-scratch",
        _ => false,
    };

    /// <summary>
    /// Why a bad value of a field is accepted by design (so the sweep does not send it), or null. Each is a rule
    /// of the API, not a gap: the sweep would flag it otherwise.
    /// </summary>
    public static string? ByDesign(ApiOperation operation, string path, string label) => (operation.Key, path, label) switch
    {
        // PATCH keeps what is null and clears what is empty: for the rate limit, 0 clears it.
        ("PATCH /api/monitors/{id}", "rateLimitPerHour", "zero") => "0 clears the rate limit",
        // Given files, a modification is manual: its prompt is not read (a prompt-only run, which needs a model, checks it).
        ("POST /api/objects/{name}/modifications", "prompt", _) => "the prompt is not read when files are given",
        _ => null,
    };

    /// <summary>
    /// Answers that are right although they are not a 4xx: the sweep's host has no Slack, so a channel id of a valid
    /// form is answered 503 "Slack is not configured" (an unknown channel is 404 where Slack is, see the Slack tests).
    /// </summary>
    public static bool AnsweredByDesign(ApiOperation operation, HttpResponseMessage response) =>
        operation.Key == "GET /api/slack/channels/{channel}" && (int)response.StatusCode == 503;

    /// <summary>Bad values for each query parameter; an empty list marks a free-text filter (any value is a valid filter).</summary>
    public static IReadOnlyList<string>? BadQueryValues(string parameter) => parameter switch
    {
        "pageSize" => ["abc", "0", "-1", "201", "99999999999", "1.5"],
        "limit" => ["abc", "0", "-1", "99999999999", "1.5"],
        "continuationToken" => ["garbage", "..", new string('a', 5000)],
        "status" => ["sleeping"],
        "channel" => ["pigeon"],
        "since" or "until" => ["yesterday", "2026-13-45"],
        "environment" => ["mars"],
        "from" or "to" => ["banana", "0", "-1", "99999999999"],
        "type" or "subject" or "actor" or "object" or "owner" => [],
        _ => null,
    };
}
