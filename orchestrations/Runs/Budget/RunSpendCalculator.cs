using System.Text.Json;
using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Orchestrations.Runs.Storage;

namespace DurableObjects.Orchestrations.Runs.Budget;

/// <summary>
/// Sums a run's spending from its recorded steps: every model call's tokens and estimated cost (planning, generation,
/// judges), and the sandbox and mutation time each gate reported (per gate, not the merged report, so nothing is
/// counted twice), priced by <see cref="BudgetPrices"/>. Pure: the same records give the same spend, which is what
/// lets the orchestrator decide on it (through an activity) and the run view show the same numbers.
/// </summary>
public static class RunSpendCalculator
{
    public const string Model = "model";
    public const string Sandbox = "sandbox";
    public const string Mutation = "mutation";

    public static RunSpend Measure(IReadOnlyList<RunStepRecord> steps, RunBudget? budget, BudgetPrices prices)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(prices);
        var usage = steps.SelectMany(s => s.Usage).ToList();
        var tokens = usage.Sum(u => u.InputTokens + u.OutputTokens);
        var model = new SpendItem(Model, usage.Count, tokens, 0, usage.Sum(u => u.EstimatedCost));
        double sandboxSeconds = 0, mutationSeconds = 0;
        var gateRuns = 0;
        var mutationRuns = 0;
        foreach (var step in steps.Where(s => s.Step.StartsWith("gate-", StringComparison.Ordinal)))
        {
            var report = JsonSerializer.Deserialize<GateReport>(step.ResultJson, RunJson.Options);
            if (report is null)
            {
                continue;
            }
            sandboxSeconds += (report.CompileMs + report.TestsMs) / 1000;
            mutationSeconds += report.MutationMs / 1000;
            gateRuns++;
            mutationRuns += report.MutationMs > 0 ? 1 : 0;
        }
        var sandbox = new SpendItem(Sandbox, gateRuns, 0, sandboxSeconds, Round(prices.SandboxSecond * (decimal)sandboxSeconds));
        var mutation = new SpendItem(Mutation, mutationRuns, 0, mutationSeconds, Round(prices.MutationSecond * (decimal)mutationSeconds));
        var cost = model.Cost + sandbox.Cost + mutation.Cost;
        var exhausted = budget is not null && ((budget.MaxCost is { } c && cost >= c) || (budget.MaxTokens is { } t && tokens >= t));
        return new RunSpend(budget, [model, sandbox, mutation], tokens, cost, exhausted);
    }

    private static decimal Round(decimal value) => Math.Round(value, 6, MidpointRounding.AwayFromZero);
}
