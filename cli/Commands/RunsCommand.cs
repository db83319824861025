using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableObjects.Cli.Api;
using DurableObjects.Cli.Output;

namespace DurableObjects.Cli.Commands;

/// <summary><c>runs list|show|watch|approve|reject|cancel</c>.</summary>
public static class RunsCommand
{
    public static Command Create(CliSession session) => new("runs", "List, show, watch and decide pipeline runs")
    {
        List(session), Show(session), Watch(session), Decide(session, "approve"), Decide(session, "reject"), Cancel(session),
    };

    private static Command List(CliSession session)
    {
        var objectName = new Option<string?>("--object", "-o") { Description = "Only runs of this object" };
        var limit = new Option<int>("--limit", "-n") { Description = "How many (newest first)", DefaultValueFactory = _ => 20 };
        var command = new Command("list", "List runs, newest first") { objectName, limit };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var query = $"limit={parse.GetValue(limit)}" + (parse.GetValue(objectName) is { } o ? $"&object={Uri.EscapeDataString(o)}" : "");
            var answer = await session.Api.GetAsync($"/api/runs?{query}", cancellationToken);
            if (session.Json)
            {
                session.WriteJson(answer);
                return ExitCodes.Ok;
            }
            var table = Tables.Of("Run", "Kind", "Object", "Status", "Step", "Version", "Requester", "Created");
            foreach (var run in answer.As<PageView<RunSummary>>().Items)
            {
                table.Row(run.RunId, run.Kind + (run.Manual ? " (code)" : ""), run.ObjectName, run.Status, run.CurrentStep,
                    run.Version is { } v ? $"v{v}" : "", run.Requester, Tables.Time(run.CreatedAt));
            }
            session.Ansi.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(CliSession session)
    {
        var id = new Argument<string>("id");
        var command = new Command("show", "Show a run: steps with timings, gates, judge scores against thresholds, usage") { id };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var answer = await session.Api.GetAsync($"/api/runs/{Uri.EscapeDataString(parse.GetValue(id)!)}", cancellationToken);
            if (session.Json)
            {
                session.WriteJson(answer);
                return ExitCodes.Ok;
            }
            var run = (JsonObject)answer.Node()!;
            var summary = answer.As<RunSummary>();
            session.WriteLine($"Run {summary.RunId}: {summary.Kind} of {summary.ObjectName} by {summary.Requester}, {summary.Status}"
                + (summary.IsFinal ? "" : $" ({summary.CurrentStep})"));
            if (run["request"]?.GetValue<string>() is { Length: > 0 } request)
            {
                session.WriteLine($"Request: {request}");
            }
            var steps = Tables.Of("#", "Step", "Iteration", "Duration (ms)", "Tokens");
            foreach (var step in (run["steps"] as JsonArray ?? []).Deserialize<List<RunStep>>(ApiClient.Json) ?? [])
            {
                steps.Row(step.Sequence.ToString(CultureInfo.InvariantCulture), step.Name, step.Iteration.ToString(CultureInfo.InvariantCulture),
                    step.DurationMs.ToString("#,0", CultureInfo.InvariantCulture), (step.InputTokens + step.OutputTokens).ToString(CultureInfo.InvariantCulture));
            }
            session.Ansi.Write(steps);
            if (run["usage"] is JsonObject usage && usage["modelCalls"]?.GetValue<int>() > 0)
            {
                session.WriteLine($"Usage: {usage["inputTokens"]} in, {usage["outputTokens"]} out, {usage["modelCalls"]} model calls, estimated cost {usage["estimatedCost"]}");
            }
            RunReport.Print(session, run);
            return summary.IsFinal && summary.Status != "succeeded" ? ExitCodes.RunNotAccepted : ExitCodes.Ok;
        });
        return command;
    }

    private static Command Watch(CliSession session)
    {
        var id = new Argument<string>("id");
        var approve = new Option<bool>("--approve-when-ready") { Description = "Approve the run yourself when it waits for approval" };
        var command = new Command("watch", "Follow a run live until it ends; exit 0 when it succeeded") { id, approve };
        session.Handle(command, (parse, cancellationToken) =>
            RunWatch.FollowAsync(session, parse.GetValue(id)!, parse.GetValue(approve), cancellationToken));
        return command;
    }

    private static Command Decide(CliSession session, string decision)
    {
        var id = new Argument<string>("id");
        var comment = new Option<string?>("--comment", "-c") { Description = "Why (kept with the run)" };
        var command = new Command(decision, $"{char.ToUpperInvariant(decision[0])}{decision[1..]} a run waiting for approval") { id, comment };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var runId = parse.GetValue(id)!;
            var answer = await session.Api.ActAsync($"/api/runs/{Uri.EscapeDataString(runId)}/{decision}", new { comment = parse.GetValue(comment) }, cancellationToken);
            if (session.Json)
            {
                session.WriteJson(answer);
            }
            else
            {
                session.WriteLine($"{(decision == "approve" ? "Approved" : "Rejected")} run {runId}.");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Cancel(CliSession session)
    {
        var id = new Argument<string>("id");
        var command = new Command("cancel", "Cancel an unfinished run") { id };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var runId = parse.GetValue(id)!;
            var answer = await session.Api.ActAsync($"/api/runs/{Uri.EscapeDataString(runId)}/cancel", null, cancellationToken);
            if (session.Json)
            {
                session.WriteJson(answer);
            }
            else
            {
                session.WriteLine($"Cancelling run {runId}.");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
