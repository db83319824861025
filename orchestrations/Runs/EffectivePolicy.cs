using DurableObjects.AI.Rewards;
using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Orchestrations.Runs.Budget;
using RewardEvaluation = DurableObjects.AI.Rewards.Evaluation;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// The settings one run uses, journaled at the run's start. Each layer may only tighten the one below: the host's
/// thresholds are floors an object policy can raise but not lower; approval is required when the host, the object or
/// the request asks for it (a request's <c>requireApproval: false</c> loosens nothing); a request may turn deploy off,
/// not on against its object's policy. Whatever the policy, a candidate that changes kept tests as its plan declared
/// needs approval (<see cref="ApprovalNeeded"/>).
/// </summary>
public sealed record EffectivePolicy(int MaxIterations, RewardThresholds Thresholds, bool RequireApproval, TimeSpan ApprovalExpiry, bool Deploy, string? Environment)
{
    /// <summary>What this run may spend (the tightest of host, object and request); null = no limit.</summary>
    public RunBudget? Budget { get; init; }

    /// <summary>The mutation check's threshold and bounds for this run.</summary>
    public MutationSettings Mutation { get; init; } = MutationSettings.Default;

    public static EffectivePolicy Resolve(PipelineOptions host, RunPolicy objectPolicy, RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(objectPolicy);
        ArgumentNullException.ThrowIfNull(request);
        var thresholds = RewardThresholds.Default.WithOverrides(
            Floor(objectPolicy.ConstraintThreshold, host.ConstraintThreshold),
            Floor(objectPolicy.FactualityThreshold, host.FactualityThreshold),
            Floor(objectPolicy.PreferenceThreshold, host.PreferenceThreshold));
        var deployByDefault = objectPolicy.Deploy ?? (request.Kind == RunKind.Modification && host.DeployModifications);
        return new EffectivePolicy(
            Math.Clamp(objectPolicy.MaxIterations ?? host.MaxIterations, 1, 10),
            thresholds,
            host.RequireApproval || objectPolicy.RequireApproval == true || request.RequireApproval == true,
            objectPolicy.ApprovalExpiry ?? host.ApprovalExpiry,
            request.Deploy != false && deployByDefault,
            host.Environment)
        {
            Budget = RunBudget.Tightest(
                new RunBudget(host.MaxCost, host.MaxTokens), new RunBudget(objectPolicy.MaxCost, objectPolicy.MaxTokens), request.Budget),
            Mutation = new MutationSettings(
                Math.Clamp(Floor(objectPolicy.MutationThreshold, host.MutationThreshold), 0, 1),
                Math.Clamp(host.MaxMutants, 0, 64),
                host.MutationBudget > TimeSpan.Zero ? host.MutationBudget : MutationSettings.Default.Budget),
        };
    }

    /// <summary>
    /// Whether the accepted candidate must wait for a person: the policy asks for it, or the reward decision does
    /// (kept tests changed as the plan declared), whatever the policy says.
    /// </summary>
    public bool ApprovalNeeded(RewardEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return RequireApproval || evaluation.RequiresApproval;
    }

    private static double Floor(double? value, double floor) => Math.Max(value ?? floor, floor);
}
