namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>
/// A run's start (<c>PrepareRunActivity</c>): its policy, its plan, and the first candidate's summary when it was
/// generated already (null: the orchestrator generates it, as for a run with a budget).
/// </summary>
public sealed record PrepareOutcome(EffectivePolicy Policy, PlanOutcome Plan, string? FirstCandidate);
