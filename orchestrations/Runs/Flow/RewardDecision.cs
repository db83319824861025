namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>The reward model's decision on one candidate: accepted, or why not (the feedback stays in the run's steps).</summary>
public sealed record RewardDecision(bool Accepted, IReadOnlyList<string> RejectionReasons);
