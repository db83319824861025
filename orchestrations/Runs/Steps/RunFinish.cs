namespace DurableObjects.Orchestrations.Runs.Steps;

/// <summary>Journaled last: the run's final status and why.</summary>
public sealed record RunFinish(RunStatus Status, string? Reason, int? Version);
