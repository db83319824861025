using DurableObjects.AI.Schemas;

namespace DurableObjects.AI.Rewards;

/// <summary>
/// Minimum judge scores for acceptance. Host-wide defaults come from <c>host.json</c>; an object can override any of
/// them (<see cref="WithOverrides"/>).
/// </summary>
public sealed record RewardThresholds
{
    /// <summary>The defaults: constraint 0.7, factuality 0.8, preference 0.6.</summary>
    public static RewardThresholds Default { get; } = new();

    /// <summary>Constraint checker threshold. Default 0.7.</summary>
    public double Constraint { get; init; } = 0.7;

    /// <summary>Factuality verifier threshold. Default 0.8.</summary>
    public double Factuality { get; init; } = 0.8;

    /// <summary>Preference judge threshold. Default 0.6.</summary>
    public double Preference { get; init; } = 0.6;

    /// <summary>The threshold for one check.</summary>
    public double For(CheckKind kind) => kind switch
    {
        CheckKind.Constraint => Constraint,
        CheckKind.Factuality => Factuality,
        CheckKind.Preference => Preference,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown check."),
    };

    /// <summary>These thresholds with per-object overrides applied (null keeps the current value).</summary>
    public RewardThresholds WithOverrides(double? constraint = null, double? factuality = null, double? preference = null) =>
        new()
        {
            Constraint = Clamp(constraint ?? Constraint),
            Factuality = Clamp(factuality ?? Factuality),
            Preference = Clamp(preference ?? Preference),
        };

    private static double Clamp(double value) => Math.Clamp(value, 0, 1);
}
