using DurableObjects.AI.Rewards;

namespace DurableObjects.Orchestrations.Evaluation;

/// <summary>The verifiable gates' results for one candidate, with its content hash and API when it compiled.</summary>
public sealed record GateReport(IReadOnlyList<GateResult> Gates, string ContentHash, string? CandidateApiJson)
{
    public bool Passed => Gates.Count > 0 && Gates.All(g => g.Passed);
}
