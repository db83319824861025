using DurableObjects.AI.Metrics;

namespace DurableObjects.AI.Rewards;

/// <summary>
/// The reward model's decision for one candidate: every gate and verdict, the thresholds used, the combined score,
/// the decision and the feedback for the next generation. Stored with the run as it is.
/// </summary>
public sealed record Evaluation
{
    /// <summary>Verifiable gate results.</summary>
    public required IReadOnlyList<GateResult> Gates { get; init; }

    /// <summary>Verdicts of the routed judges that ran.</summary>
    public required IReadOnlyList<JudgeVerdict> Verdicts { get; init; }

    /// <summary>Routed judges that did not run, with reasons.</summary>
    public required IReadOnlyList<SkippedJudge> SkippedJudges { get; init; }

    /// <summary>Thresholds the verdicts were measured against.</summary>
    public required RewardThresholds Thresholds { get; init; }

    /// <summary>Weighted mean of gate pass rate and judge scores (see <see cref="RewardWeights"/>).</summary>
    public required double CombinedScore { get; init; }

    /// <summary>True only if every gate passed and every judge that ran met its threshold.</summary>
    public required bool Accepted { get; init; }

    /// <summary>Why the candidate was rejected (empty when accepted).</summary>
    public required IReadOnlyList<string> RejectionReasons { get; init; }

    /// <summary>Text for the generator's next attempt: failing reasons first, then suggestions. Empty when accepted.</summary>
    public required string Feedback { get; init; }

    /// <summary>Measured metrics of the candidate, when the judges ran (what the preference judge was shown).</summary>
    public CodeMetrics? Metrics { get; init; }

    /// <summary>Why a person must approve this candidate before it is committed, whatever the policy (from the gates).</summary>
    public IReadOnlyList<string> ApprovalReasons => [.. Gates.Select(g => g.ApprovalReason).OfType<string>()];

    /// <summary>Whether the candidate needs a human approval regardless of the run's policy.</summary>
    public bool RequiresApproval => Gates.Any(g => g.ApprovalReason is not null);

    /// <summary>Judge input tokens (all verdicts).</summary>
    public long InputTokens => Verdicts.Sum(v => v.InputTokens);

    /// <summary>Judge output tokens (all verdicts).</summary>
    public long OutputTokens => Verdicts.Sum(v => v.OutputTokens);
}
