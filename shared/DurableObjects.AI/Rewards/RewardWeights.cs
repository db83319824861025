using DurableObjects.AI.Schemas;

namespace DurableObjects.AI.Rewards;

/// <summary>
/// Weights of the combined score: a weighted mean over the gate pass rate and each routed judge's score, normalised
/// over the components present. Reported only; acceptance is decided by gates and thresholds.
/// </summary>
public sealed record RewardWeights
{
    /// <summary>Defaults: gates 0.4, each judge 0.2.</summary>
    public static RewardWeights Default { get; } = new();

    /// <summary>Weight of the fraction of gates passed.</summary>
    public double Gates { get; init; } = 0.4;

    /// <summary>Weight of the preference score.</summary>
    public double Preference { get; init; } = 0.2;

    /// <summary>Weight of the constraint score.</summary>
    public double Constraint { get; init; } = 0.2;

    /// <summary>Weight of the factuality score.</summary>
    public double Factuality { get; init; } = 0.2;

    /// <summary>The weight of one judge.</summary>
    public double For(CheckKind kind) => kind switch
    {
        CheckKind.Constraint => Constraint,
        CheckKind.Factuality => Factuality,
        CheckKind.Preference => Preference,
        _ => 0,
    };
}
