using DurableObjects.AI.Rewards;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>The settings one run uses: request, then object policy, then host defaults. Journaled at the run's start.</summary>
public sealed record EffectivePolicy(int MaxIterations, RewardThresholds Thresholds, bool RequireApproval, TimeSpan ApprovalExpiry, bool Deploy, string? Environment)
{
    public static EffectivePolicy Resolve(PipelineOptions host, RunPolicy objectPolicy, RunRequest request)
    {
        var thresholds = RewardThresholds.Default.WithOverrides(
            objectPolicy.ConstraintThreshold ?? host.ConstraintThreshold,
            objectPolicy.FactualityThreshold ?? host.FactualityThreshold,
            objectPolicy.PreferenceThreshold ?? host.PreferenceThreshold);
        var deployByDefault = request.Kind == RunKind.Modification && host.DeployModifications;
        return new EffectivePolicy(
            Math.Clamp(objectPolicy.MaxIterations ?? host.MaxIterations, 1, 10),
            thresholds,
            request.RequireApproval ?? objectPolicy.RequireApproval ?? host.RequireApproval,
            objectPolicy.ApprovalExpiry ?? host.ApprovalExpiry,
            request.Deploy ?? objectPolicy.Deploy ?? deployByDefault,
            host.Environment);
    }
}
