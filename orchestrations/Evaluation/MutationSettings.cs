namespace DurableObjects.Orchestrations.Evaluation;

/// <summary>
/// How hard the mutation check tries and what it demands: the minimum share of mutants the candidate's tests must
/// catch (<see cref="Threshold"/>; a changed method none of whose mutants is caught fails anyway), and its cost bounds —
/// at most <see cref="MaxMutants"/> mutants per candidate, all of them within <see cref="Budget"/>.
/// </summary>
public sealed record MutationSettings(double Threshold, int MaxMutants, TimeSpan Budget)
{
    /// <summary>Threshold 0.5, 8 mutants, 30 seconds (host defaults, <c>DurableObjects:Pipeline</c>).</summary>
    public static MutationSettings Default { get; } = new(0.5, 8, TimeSpan.FromSeconds(30));
}
