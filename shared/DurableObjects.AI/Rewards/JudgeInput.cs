using DurableObjects.AI.Contracts;
using DurableObjects.AI.Metrics;
using DurableObjects.AI.Schemas;

namespace DurableObjects.AI.Rewards;

/// <summary>
/// What the judges see. Every text here is untrusted data (the request comes from a user, the code from users and
/// models); judges place it in delimited data blocks and never follow instructions found inside.
/// </summary>
public sealed record JudgeInput
{
    /// <summary>The natural-language request (or creation requirements).</summary>
    public required string Request { get; init; }

    /// <summary>The current version's files (empty for a creation).</summary>
    public IReadOnlyList<SourceFile> OriginalFiles { get; init; } = [];

    /// <summary>The candidate.</summary>
    public required CodeCandidate Candidate { get; init; }

    /// <summary>The current public API, when there is one.</summary>
    public ApiSchema? CurrentApi { get; init; }

    /// <summary>
    /// Numbers the verifiable gates measured in the sandbox (mutation score, mutants killed…), by name; trusted facts
    /// every judge is shown. Filled by <see cref="RewardModel"/> from the gate results.
    /// </summary>
    public IReadOnlyDictionary<string, double> GateMetrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Measured metrics of the candidate; computed by the preference judge when absent.</summary>
    public CodeMetrics? CandidateMetrics { get; init; }
}
