using DurableObjects.AI.Metrics;
using DurableObjects.AI.Rewards;
using DurableObjects.AI.Schemas;
using DurableObjects.Orchestrations.Runs;
using DurableObjects.Orchestrations.Runs.Steps;

namespace DurableObjects.Functions.Http;

/// <summary>
/// Shapes the run read model for readers: status, timings per step, each iteration's candidate (paths, not code),
/// gate results, judge scores against thresholds, feedback, and the run's token usage and estimated cost.
/// Typed end to end, so the OpenAPI document shows the schema.
/// </summary>
public static class RunResponses
{
    public static RunSummaryResponse Summary(RunView run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.RunId, run.Kind.ToString().ToLowerInvariant(), run.ObjectName, run.Status.ToWire(), run.CurrentStep, run.Reason,
            run.Version, run.Manual, run.Requester, run.CreatedAt, run.UpdatedAt, RunLauncher.StatusUrl(run.RunId));
    }

    public static RunDetailsResponse Full(RunView run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(
            run.RunId, run.Kind.ToString().ToLowerInvariant(), run.ObjectName, run.Status.ToWire(), run.CurrentStep, run.Reason,
            run.Version, run.Manual, run.Requester, run.CreatedAt, run.UpdatedAt, RunLauncher.StatusUrl(run.RunId),
            run.Prompt,
            run.MaxIterations,
            new RunUsageResponse(
                run.Steps.Sum(s => s.InputTokens), run.Steps.Sum(s => s.OutputTokens), run.Steps.Sum(s => s.EstimatedCost), run.Steps.Sum(s => s.ModelCalls)),
            run.Steps.Select(Step).ToList(),
            run.Plan,
            run.CreationPlan,
            run.Iterations.Select(Iteration).ToList(),
            run.Approval,
            run.Commit,
            run.Deploy,
            run.Notify,
            run.Spend is { Budget: { } budget } spend
                ? new RunBudgetResponse(budget.MaxCost, budget.MaxTokens, spend.Cost, spend.Tokens, spend.Exhausted,
                    spend.Items.Select(i => new SpendItemResponse(i.Item, i.Count, i.Tokens, Math.Round(i.Seconds, 3), i.Cost)).ToList())
                : null,
            run.ProposedBy)
        {
            ApprovalNotice = run.ApprovalNotice,
        };
    }

    public static RunStepResponse Step(RunStepView step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new(step.Sequence, step.Name, step.Iteration, step.StartedAt, step.CompletedAt,
            Math.Round((step.CompletedAt - step.StartedAt).TotalMilliseconds, 1), step.InputTokens, step.OutputTokens, step.ModelCalls);
    }

    private static RunIterationResponse Iteration(RunIterationView iteration)
    {
        var candidate = iteration.Candidate;
        var evaluation = iteration.Evaluation;
        return new RunIterationResponse(
            iteration.Iteration,
            new CandidateSummaryResponse(candidate.Summary, candidate.Approach, candidate.Risks,
                candidate.Files.Select(f => f.Path).ToList(), candidate.Tests.Select(f => f.Path).ToList()),
            iteration.Gates?.Gates,
            new GateTimingsResponse(iteration.Gates?.CompileMs, iteration.Gates?.TestsMs, iteration.Gates?.MutationMs),
            evaluation?.Accepted,
            evaluation?.CombinedScore,
            evaluation?.Thresholds,
            evaluation is null ? [] : evaluation.Verdicts.Select(v => Score(v, evaluation.Thresholds)).ToList(),
            evaluation?.SkippedJudges,
            evaluation?.RejectionReasons,
            evaluation?.ApprovalReasons,
            evaluation?.Feedback,
            evaluation?.Metrics);
    }

    private static ScoreResponse Score(JudgeVerdict verdict, RewardThresholds thresholds)
    {
        var threshold = thresholds.For(verdict.Kind);
        return new ScoreResponse(verdict.Name, verdict.Kind, verdict.Score, verdict.Rationale, verdict.Issues, verdict.Recommendations,
            verdict.Details, verdict.Model, verdict.InputTokens, verdict.OutputTokens, verdict.Error,
            threshold, verdict.Score >= threshold && verdict.Error is null);
    }
}
