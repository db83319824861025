using DurableObjects.AI.Contracts;
using DurableObjects.AI.Schemas;

namespace DurableObjects.AI.Rewards;

/// <summary>What a verifiable gate looks at.</summary>
public sealed record GateContext
{
    /// <summary>The candidate under test.</summary>
    public required CodeCandidate Candidate { get; init; }

    /// <summary>The current version's files (empty for a creation).</summary>
    public IReadOnlyList<SourceFile> CurrentFiles { get; init; } = [];

    /// <summary>The current version's existing tests, which the candidate must still pass.</summary>
    public IReadOnlyList<SourceFile> ExistingTests { get; init; } = [];

    /// <summary>The current public API, when there is one.</summary>
    public ApiSchema? CurrentApi { get; init; }

    /// <summary>The plan, for declared breaking changes.</summary>
    public CodePlan? Plan { get; init; }
}
