namespace DurableObjects.AI.Rewards;

/// <summary>How the <see cref="RewardModel"/> runs its judges.</summary>
public sealed record RewardModelOptions
{
    /// <summary>
    /// Run the judges even when a gate failed. Default false: a failed gate rejects the candidate anyway and its
    /// diagnostics are the most useful feedback, so judge tokens would be spent for nothing. The skip is recorded.
    /// </summary>
    public bool JudgeAfterGateFailure { get; init; }

    /// <summary>Combined-score weights.</summary>
    public RewardWeights Weights { get; init; } = RewardWeights.Default;

    /// <summary>
    /// When set, no judge model is available (e.g. no model configured) and every routed judge is skipped with this
    /// reason; acceptance then rests on the gates alone, visibly.
    /// </summary>
    public string? JudgesUnavailableReason { get; init; }
}
