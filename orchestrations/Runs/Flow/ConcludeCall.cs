using DurableObjects.Orchestrations.Runs.Steps;

namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>
/// Decide on a candidate (<see cref="Reward"/>) and, when it is accepted and needs no approval, commit it and deploy
/// the new version when <see cref="Deploy"/> says so (to <see cref="Environment"/>, null: the default one).
/// <see cref="Settle"/> false (the policy asks for an approval): decide only.
/// </summary>
public sealed record ConcludeCall(RewardCall Reward, bool Settle, bool Deploy, string? Environment);

/// <summary>
/// The decision, the commit and deploy when the conclusion made them, and the run's end when it ended it (a
/// successful commit and, when asked, deploy); null for what it did not do.
/// </summary>
public sealed record ConcludeOutcome(RewardDecision Decision, CommitOutcome? Commit, DeployResult? Deploy, RunFinish? Finish = null);
