using System.Text.Json;
using DurableObjects.AI.Schemas;
using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Orchestrations.Runs.Budget;
using DurableObjects.Orchestrations.Runs.Steps;
using DurableObjects.Orchestrations.Runs.Storage;
using Microsoft.Extensions.Options;
using RewardEvaluation = DurableObjects.AI.Rewards.Evaluation;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// Reads runs for people: a listing is one table query over the runs' rows; one run is its row plus one partition
/// query over its steps, each step's result deserialized into its own type by the step's name.
/// </summary>
public sealed class RunReadModel(RunStore runs, RunSteps steps, IOptions<BudgetPrices> prices)
{
    public async Task<IReadOnlyList<RunView>> ListAsync(string? objectName, int limit, CancellationToken cancellationToken = default) =>
        (await runs.ListAsync(objectName, limit, cancellationToken)).Select(Summary).ToList();

    public async Task<RunView?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        if (!RunLauncher.IsRunId(runId) || await runs.FindRowAsync(runId, cancellationToken) is not { } row)
        {
            return null;
        }
        var records = await steps.LoadAsync(runId, cancellationToken);
        var byName = records.ToDictionary(r => r.Step, StringComparer.Ordinal);
        var kind = Enum.TryParse<RunKind>(row.Kind, out var k) ? k : RunKind.Modification;
        var iterations = new List<RunIterationView>();
        for (var i = 1; Read<CodeCandidate>(byName, RunStepNames.Generate(i)) is { } candidate; i++)
        {
            iterations.Add(new RunIterationView(i, candidate,
                Read<GateReport>(byName, RunStepNames.Gates(i)), Read<RewardEvaluation>(byName, RunStepNames.Evaluate(i))));
        }
        var policy = Read<EffectivePolicy>(byName, RunStepNames.Policy);
        return Summary(row) with
        {
            Spend = RunSpendCalculator.Measure(records, policy?.Budget, prices.Value),
            Steps = records.Select((r, index) => new RunStepView(
                index + 1, r.Step, r.Iteration, r.StartedAt, r.CompletedAt,
                r.Usage.Sum(u => u.InputTokens), r.Usage.Sum(u => u.OutputTokens), r.Usage.Sum(u => u.EstimatedCost), r.Usage.Count)).ToList(),
            MaxIterations = policy?.MaxIterations ?? row.MaxIterations,
            Plan = kind == RunKind.Modification ? Read<CodePlan>(byName, RunStepNames.Plan) : null,
            CreationPlan = kind == RunKind.Creation ? Read<CreationPlan>(byName, RunStepNames.Plan) : null,
            Iterations = iterations,
            Approval = Read<ApprovalDecision>(byName, RunStepNames.Approval),
            Commit = Read<CommitResult>(byName, RunStepNames.Commit),
            Deploy = Read<DeployResult>(byName, RunStepNames.Deploy),
            Notify = Read<NotifyResult>(byName, RunStepNames.Notify),
            ApprovalNotice = Read<NotifyResult>(byName, RunStepNames.ApprovalNotice),
        };
    }

    private static RunView Summary(RunEntity row)
    {
        var status = RunStatusWire.Parse(row.Status);
        return new RunView
        {
            RunId = row.RowKey,
            Kind = Enum.TryParse<RunKind>(row.Kind, out var kind) ? kind : RunKind.Modification,
            ObjectName = row.ObjectName,
            Status = status,
            Requester = row.Requester,
            CreatedAt = row.CreatedAt,
            UpdatedAt = row.UpdatedAt,
            CurrentStep = status.IsFinal() ? "" : row.CurrentStep,
            Reason = row.Reason,
            Version = row.Version,
            MaxIterations = row.MaxIterations,
            Manual = row.Manual,
            Prompt = row.Prompt,
            ProposedBy = row.ProposedBy,
        };
    }

    private static T? Read<T>(Dictionary<string, RunStepRecord> steps, string name) where T : class =>
        steps.TryGetValue(name, out var record) ? JsonSerializer.Deserialize<T>(record.ResultJson, RunJson.Options) : null;
}
