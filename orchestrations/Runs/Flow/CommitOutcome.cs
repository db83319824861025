namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>The committed version, or why the object refused it.</summary>
public sealed record CommitOutcome(int? Version, string? Error);
