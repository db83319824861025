using System.Globalization;
using System.Text.Json.Nodes;

namespace DurableObjects.Cli.Output;

/// <summary>
/// A run's verdict for people: each iteration's gates and judge scores against their thresholds in a table, the
/// reasons a candidate was rejected, and the outcome (committed version, deploy) or why the run ended otherwise.
/// </summary>
public static class RunReport
{
    public static void Print(CliSession session, JsonObject run)
    {
        foreach (var iteration in (run["iterations"] as JsonArray ?? []).OfType<JsonObject>())
        {
            PrintIteration(session, iteration);
        }
        var status = Text(run["status"]);
        var version = run["version"]?.GetValue<int?>();
        var verdict = status switch
        {
            "succeeded" => version is { } v ? $"accepted: v{v} of {Text(run["objectName"])}" : "accepted",
            "rejected" => "rejected",
            "failed" => "failed",
            "cancelled" => "cancelled",
            "budget-exhausted" => "stopped: budget spent",
            _ => status,
        };
        session.WriteLine($"Run {Text(run["runId"])}: {verdict}");
        if (run["deploy"] is JsonObject deploy)
        {
            var environment = Text(deploy["environment"]) is { Length: > 0 } e ? e : "the default environment";
            session.WriteLine(deploy["deployed"]?.GetValue<bool>() == true
                ? $"  deployed to {environment}"
                : $"  not deployed to {environment}: {Text(deploy["error"])}");
        }
        if (status != "succeeded" && Text(run["reason"]) is { Length: > 0 } reason)
        {
            session.WriteLine($"  reason: {reason}");
        }
        if (run["budget"] is JsonObject budget)
        {
            PrintBudget(session, budget);
        }
    }

    /// <summary>The run's limits, what it spent in total and per item (model calls, sandbox time, mutation checks).</summary>
    private static void PrintBudget(CliSession session, JsonObject budget)
    {
        var limits = new[]
        {
            budget["maxCost"]?.GetValue<decimal?>() is { } cost ? $"cost {Money(budget["cost"]?.GetValue<decimal>() ?? 0)} of {Money(cost)}" : null,
            budget["maxTokens"]?.GetValue<long?>() is { } tokens ? $"tokens {budget["tokens"]?.GetValue<long>() ?? 0} of {tokens}" : null,
        };
        session.WriteLine($"Budget: {string.Join(", ", limits.OfType<string>())}{(budget["exhausted"]?.GetValue<bool>() == true ? " (spent)" : "")}");
        var table = Tables.Of("Item", "Count", "Tokens", "Seconds", "Cost");
        foreach (var item in (budget["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            table.Row(Text(item["item"]), Text(item["count"]), Text(item["tokens"]),
                (item["seconds"]?.GetValue<double>() ?? 0).ToString("0.###", CultureInfo.InvariantCulture), Money(item["cost"]?.GetValue<decimal>() ?? 0));
        }
        session.Ansi.Write(table);
    }

    private static string Money(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static void PrintIteration(CliSession session, JsonObject iteration)
    {
        var number = iteration["iteration"]?.GetValue<int>() ?? 0;
        var accepted = iteration["accepted"]?.GetValue<bool?>();
        var combined = iteration["combinedScore"]?.GetValue<double?>();
        session.WriteLine($"Iteration {number}: {(accepted == true ? "accepted" : accepted == false ? "rejected" : "not judged")}"
            + (combined is { } c ? $" (combined score {Score(c)})" : ""));
        var table = Tables.Of("Check", "Result", "Score", "Threshold", "Detail");
        foreach (var gate in (iteration["gates"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var passed = gate["passed"]?.GetValue<bool>() == true;
            // A passed gate's findings are its successes (test names); only a failure's findings say what to fix.
            var diagnostics = passed ? [] : (gate["diagnostics"] as JsonArray ?? []).Select(Text).Where(d => d.Length > 0).Take(8);
            var detail = string.Join("\n", new[] { Text(gate["details"]) }.Concat(diagnostics).Where(d => d.Length > 0));
            table.Row($"gate: {Text(gate["name"])}", passed ? "pass" : "FAIL", "", "", detail);
        }
        foreach (var score in (iteration["scores"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var value = score["score"]?.GetValue<double?>();
            var threshold = score["threshold"]?.GetValue<double?>();
            table.Row(
                $"judge: {Text(score["kind"]).ToLowerInvariant()}",
                score["meetsThreshold"]?.GetValue<bool>() == true ? "pass" : "FAIL",
                value is { } s ? Score(s) : "",
                threshold is { } t ? Score(t) : "",
                Text(score["error"]) is { Length: > 0 } error ? error : Text(score["reasoning"]));
        }
        foreach (var skipped in (iteration["skippedJudges"] as JsonArray ?? []).OfType<JsonObject>())
        {
            table.Row($"judge: {Text(skipped["kind"]).ToLowerInvariant()}", "skipped", "", "", Text(skipped["reason"]));
        }
        session.Ansi.Write(table);
        foreach (var reason in (iteration["rejectionReasons"] as JsonArray ?? []).Select(Text).Where(r => r.Length > 0))
        {
            session.WriteLine($"  ✗ {reason}");
        }
    }

    private static string Score(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A JSON value as text, whatever its kind (the shapes inside iterations are the reward model's, not a contract).</summary>
    internal static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
