namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// An object's own pipeline policy; every null field falls back to <see cref="PipelineOptions"/>. Set by the object's
/// owner or an admin through <c>PUT /api/objects/{name}/pipeline-policy</c>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RunPolicy
{
    [Id(0)] public int? MaxIterations { get; init; }
    [Id(1)] public double? ConstraintThreshold { get; init; }
    [Id(2)] public double? FactualityThreshold { get; init; }
    [Id(3)] public double? PreferenceThreshold { get; init; }
    [Id(4)] public bool? RequireApproval { get; init; }
    [Id(5)] public TimeSpan? ApprovalExpiry { get; init; }
    [Id(6)] public bool? Deploy { get; init; }

    public static RunPolicy None { get; } = new();

    /// <summary>Problems with the values; empty when valid.</summary>
    public IEnumerable<string> Validate()
    {
        if (MaxIterations is < 1 or > 10)
        {
            yield return "maxIterations is between 1 and 10.";
        }
        foreach (var (name, value) in new[] { ("constraintThreshold", ConstraintThreshold), ("factualityThreshold", FactualityThreshold), ("preferenceThreshold", PreferenceThreshold) })
        {
            if (value is < 0 or > 1)
            {
                yield return $"{name} is between 0 and 1.";
            }
        }
        if (ApprovalExpiry is { } expiry && (expiry <= TimeSpan.Zero || expiry > TimeSpan.FromDays(30)))
        {
            yield return "approvalExpiry is positive and at most 30 days.";
        }
    }
}
