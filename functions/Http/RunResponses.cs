using System.Text.Json;
using System.Text.Json.Nodes;
using DurableObjects.Orchestrations.Runs;

namespace DurableObjects.Functions.Http;

/// <summary>
/// Shapes a run for readers: status, timings per step, each iteration's candidate (paths, not code), gate results,
/// judge scores against thresholds, feedback, and the run's token usage and estimated cost.
/// </summary>
public static class RunResponses
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static JsonObject Summary(RunView run) => new()
    {
        ["runId"] = run.RunId,
        ["kind"] = run.Kind.ToString().ToLowerInvariant(),
        ["objectName"] = run.ObjectName,
        ["status"] = run.Status.ToWire(),
        ["currentStep"] = run.CurrentStep,
        ["reason"] = run.Reason,
        ["version"] = run.Version,
        ["manual"] = run.Manual,
        ["requester"] = run.Requester,
        ["createdAt"] = run.CreatedAt,
        ["updatedAt"] = run.UpdatedAt,
        ["statusUrl"] = RunLauncher.StatusUrl(run.RunId),
    };

    public static JsonObject Full(RunView run)
    {
        var body = Summary(run);
        body["request"] = run.Prompt;
        body["maxIterations"] = run.MaxIterations;
        body["usage"] = new JsonObject
        {
            ["inputTokens"] = run.Steps.Sum(s => s.InputTokens),
            ["outputTokens"] = run.Steps.Sum(s => s.OutputTokens),
            ["estimatedCost"] = run.Steps.Sum(s => s.EstimatedCost),
            ["modelCalls"] = run.Steps.Sum(s => s.ModelCalls),
        };
        body["steps"] = new JsonArray([.. run.Steps.Select(Step)]);
        body["plan"] = Result(run, "plan");
        body["iterations"] = new JsonArray([.. Iterations(run)]);
        body["approval"] = Result(run, "approval");
        body["commit"] = Result(run, "commit");
        body["deploy"] = Result(run, "deploy");
        body["notify"] = Result(run, "notify");
        return body;
    }

    public static JsonObject Step(RunStepView step) => new()
    {
        ["sequence"] = step.Sequence,
        ["name"] = step.Name,
        ["iteration"] = step.Iteration,
        ["startedAt"] = step.StartedAt,
        ["completedAt"] = step.CompletedAt,
        ["durationMs"] = Math.Round((step.CompletedAt - step.StartedAt).TotalMilliseconds, 1),
        ["inputTokens"] = step.InputTokens,
        ["outputTokens"] = step.OutputTokens,
        ["modelCalls"] = step.ModelCalls,
    };

    private static IEnumerable<JsonNode> Iterations(RunView run)
    {
        for (var i = 1; Result(run, $"generate-{i}") is JsonObject candidate; i++)
        {
            var evaluation = Result(run, $"evaluate-{i}") as JsonObject;
            yield return new JsonObject
            {
                ["iteration"] = i,
                ["candidate"] = new JsonObject
                {
                    ["summary"] = candidate["summary"]?.DeepClone(),
                    ["approach"] = candidate["approach"]?.DeepClone(),
                    ["risks"] = candidate["risks"]?.DeepClone(),
                    ["files"] = Paths(candidate["files"]),
                    ["tests"] = Paths(candidate["tests"]),
                },
                ["gates"] = (Result(run, $"gates-{i}") as JsonObject)?["gates"]?.DeepClone(),
                ["gateTimings"] = new JsonObject
                {
                    ["compileMs"] = (Result(run, $"gates-{i}") as JsonObject)?["compileMs"]?.DeepClone(),
                    ["testsMs"] = (Result(run, $"gates-{i}") as JsonObject)?["testsMs"]?.DeepClone(),
                },
                ["accepted"] = evaluation?["accepted"]?.DeepClone(),
                ["combinedScore"] = evaluation?["combinedScore"]?.DeepClone(),
                ["thresholds"] = evaluation?["thresholds"]?.DeepClone(),
                ["scores"] = Scores(evaluation),
                ["skippedJudges"] = evaluation?["skippedJudges"]?.DeepClone(),
                ["rejectionReasons"] = evaluation?["rejectionReasons"]?.DeepClone(),
                ["approvalReasons"] = evaluation?["approvalReasons"]?.DeepClone(),
                ["feedback"] = evaluation?["feedback"]?.DeepClone(),
                ["metrics"] = evaluation?["metrics"]?.DeepClone(),
            };
        }
    }

    private static JsonArray Scores(JsonObject? evaluation)
    {
        var thresholds = evaluation?["thresholds"] as JsonObject;
        var scores = new JsonArray();
        foreach (var verdict in (evaluation?["verdicts"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var kind = verdict["kind"]?.GetValue<string>() ?? "";
            var threshold = thresholds?[JsonNamingPolicy.CamelCase.ConvertName(kind)]?.GetValue<double>();
            var score = verdict["score"]?.GetValue<double>() ?? 0;
            var entry = (JsonObject)verdict.DeepClone();
            entry["threshold"] = threshold;
            entry["meetsThreshold"] = threshold is { } t && score >= t && verdict["error"] is null;
            scores.Add(entry);
        }
        return scores;
    }

    private static JsonArray Paths(JsonNode? files) =>
        new([.. (files as JsonArray ?? []).OfType<JsonObject>().Select(f => (JsonNode?)JsonValue.Create(f["path"]?.GetValue<string>()))]);

    private static JsonNode? Result(RunView run, string step) =>
        run.Steps.FirstOrDefault(s => s.Name == step) is { } found ? JsonNode.Parse(found.ResultJson) : null;

    /// <summary>One step as a server-sent event payload.</summary>
    public static string StepEvent(RunStepView step) => Step(step).ToJsonString(Web);
}
