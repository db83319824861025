namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>
/// The reward model's decision on one candidate: accepted, or why not (the feedback stays in the run's steps), and
/// whether a person must approve it whatever the policy (its plan declared a change to kept tests).
/// </summary>
public sealed record RewardDecision(bool Accepted, IReadOnlyList<string> RejectionReasons, bool RequiresApproval = false);
