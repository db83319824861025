using DurableObjects.AI.Rewards;
using RewardEvaluation = DurableObjects.AI.Rewards.Evaluation;
using DurableObjects.AI.Schemas;
using DurableObjects.Orchestrations.Evaluation;

namespace DurableObjects.Orchestrations.Runs.Steps;

/// <summary>The candidate the reward model accepted, with its gate report and evaluation.</summary>
public sealed record AcceptedCandidate(int Iteration, CodeCandidate Candidate, GateReport Gates, RewardEvaluation Evaluation)
{
    /// <summary>The files of the version to commit: sources plus tests (kept as regression tests).</summary>
    public IReadOnlyDictionary<string, string> VersionFiles() =>
        Candidate.Files.Concat(Candidate.Tests).ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
}
