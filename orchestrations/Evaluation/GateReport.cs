using DurableObjects.AI.Rewards;

namespace DurableObjects.Orchestrations.Evaluation;

/// <summary>The verifiable gates' results for one candidate, with its content hash and API when it compiled.</summary>
public sealed record GateReport(IReadOnlyList<GateResult> Gates, string ContentHash, string? CandidateApiJson)
{
    /// <summary>Milliseconds spent compiling (cache hits included) and running the tests in a runner.</summary>
    public double CompileMs { get; init; }

    /// <inheritdoc cref="CompileMs"/>
    public double TestsMs { get; init; }

    /// <summary>Milliseconds spent building and running the mutants.</summary>
    public double MutationMs { get; init; }

    /// <summary>Why a person must approve this candidate whatever the policy (kept tests changed as declared); empty if none.</summary>
    public IReadOnlyList<string> ApprovalReasons => [.. Gates.Select(g => g.ApprovalReason).OfType<string>()];

    public bool Passed => Gates.Count > 0 && Gates.All(g => g.Passed);
}
