using DurableObjects.AI.Schemas;

namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>
/// What the orchestration needs of a plan: which judges to route to, whether the code was supplied (one iteration,
/// nothing to regenerate) and whether judges still run after a gate failed. The plan itself stays in the run's steps.
/// </summary>
public sealed record PlanOutcome(IReadOnlyList<CheckKind> Checks, bool Manual, bool JudgeAfterGateFailure);
