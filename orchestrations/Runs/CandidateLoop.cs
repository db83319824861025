using DurableObjects.AI.Rewards;
using RewardEvaluation = DurableObjects.AI.Rewards.Evaluation;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.Structured;
using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Orchestrations.Runs.Steps;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Domain;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// generate → gates → judges, again with the feedback while iterations remain. Each of the three is a journaled
/// step per iteration (<c>generate-1</c>, <c>gates-1</c>, <c>evaluate-1</c>, …); the judges' decision is the reward
/// model's, so a failed gate rejects whatever the scores.
/// </summary>
public sealed class CandidateLoop(SandboxGates gates, RewardModel rewardModel, AuditLog audit)
{
    /// <summary>How the loop's caller generates and checks.</summary>
    public sealed record Spec(
        int MaxIterations,
        RewardThresholds Thresholds,
        IReadOnlySet<CheckKind> RoutedChecks,
        Func<string?, UsageLedger, CancellationToken, Task<CodeCandidate>> Generate,
        Func<CodeCandidate, GateRequest> GateRequest,
        Func<CodeCandidate, JudgeInput> JudgeInput);

    public async Task<AcceptedCandidate> RunAsync(RunExecution run, Spec spec)
    {
        string? feedback = null;
        RewardEvaluation? last = null;
        for (var i = 1; i <= spec.MaxIterations; i++)
        {
            var previousFeedback = feedback;
            var candidate = await run.StepAsync($"generate-{i}", i, (ledger, ct) => spec.Generate(previousFeedback, ledger, ct));
            var report = await run.StepAsync($"gates-{i}", i, (_, ct) => gates.RunAsync(spec.GateRequest(candidate), ct));
            last = await run.StepAsync($"evaluate-{i}", i, (ledger, ct) =>
                rewardModel.EvaluateAsync(spec.JudgeInput(candidate), report.Gates, spec.RoutedChecks, spec.Thresholds, ledger, ct));
            if (last.Accepted)
            {
                await AuditAsync(run, AuditEventTypes.RunAccepted, new() { ["iteration"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                return new AcceptedCandidate(i, candidate, report, last);
            }
            feedback = last.Feedback;
        }
        var reasons = string.Join("; ", (last?.RejectionReasons ?? []).Take(5));
        throw new RunStoppedException(RunStatus.Rejected, $"No candidate was accepted in {spec.MaxIterations} iteration(s). Last: {reasons}");
    }

    private Task AuditAsync(RunExecution run, string type, Dictionary<string, string> data)
    {
        data["run"] = run.RunId;
        data["name"] = run.Request.ObjectName;
        return audit.AppendAsync(type, AuditEventTypes.ObjectSubject(ObjectName.ToKey(run.Request.ObjectName)), run.Request.Actor.UserId, data);
    }
}
