namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// An object's own pipeline policy; every null field falls back to <see cref="PipelineOptions"/>. Set by the object's
/// owner or an admin through <c>PUT /api/objects/{name}/pipeline-policy</c>. It may only tighten the host's policy:
/// thresholds at or above the host's (its floors), approval required when the host requires it.
/// </summary>
public sealed record RunPolicy
{
    public int? MaxIterations { get; init; }
    public double? ConstraintThreshold { get; init; }
    public double? FactualityThreshold { get; init; }
    public double? PreferenceThreshold { get; init; }
    public bool? RequireApproval { get; init; }
    public TimeSpan? ApprovalExpiry { get; init; }
    public bool? Deploy { get; init; }
    public double? MutationThreshold { get; init; }

    /// <summary>The most money one run of this object may spend; at most the host's <see cref="PipelineOptions.MaxCost"/>.</summary>
    public decimal? MaxCost { get; init; }

    /// <summary>The most tokens one run of this object may spend; at most the host's <see cref="PipelineOptions.MaxTokens"/>.</summary>
    public long? MaxTokens { get; init; }

    public static RunPolicy None { get; } = new();

    /// <summary>Problems with the values, checked against the host's floors; empty when valid.</summary>
    public IEnumerable<string> Validate(PipelineOptions host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (MaxIterations is < 1 or > 10)
        {
            yield return "maxIterations is between 1 and 10.";
        }
        foreach (var (name, value, floor) in new[]
                 {
                     ("constraintThreshold", ConstraintThreshold, host.ConstraintThreshold),
                     ("factualityThreshold", FactualityThreshold, host.FactualityThreshold),
                     ("preferenceThreshold", PreferenceThreshold, host.PreferenceThreshold),
                     ("mutationThreshold", MutationThreshold, host.MutationThreshold),
                 })
        {
            if (value is < 0 or > 1)
            {
                yield return $"{name} is between 0 and 1.";
            }
            else if (value < floor)
            {
                yield return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{name} {value:0.###} is below the host's floor {floor:0.###} (DurableObjects:Pipeline); an object may raise a threshold, not lower it.");
            }
        }
        if (RequireApproval == false && host.RequireApproval)
        {
            yield return "requireApproval cannot be false: the host requires approval for every run (DurableObjects:Pipeline:RequireApproval).";
        }
        foreach (var problem in Budget.RunBudget.Validate("", MaxCost, MaxTokens))
        {
            yield return problem;
        }
        if (MaxCost > host.MaxCost)
        {
            yield return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"maxCost {MaxCost} is above the host's budget {host.MaxCost} (DurableObjects:Pipeline:MaxCost); an object may lower it, not raise it.");
        }
        if (MaxTokens > host.MaxTokens)
        {
            yield return $"maxTokens {MaxTokens} is above the host's budget {host.MaxTokens} (DurableObjects:Pipeline:MaxTokens); an object may lower it, not raise it.";
        }
        if (ApprovalExpiry is { } expiry && (expiry <= TimeSpan.Zero || expiry > TimeSpan.FromDays(30)))
        {
            yield return "approvalExpiry is positive and at most 30 days.";
        }
    }
}
