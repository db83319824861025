namespace DurableObjects.Orchestrations.Runs.Steps;

/// <summary>The committed version; <see cref="Adopted"/> when a commit before a restart had already stored it.</summary>
public sealed record CommitResult(int Version, string ContentHash, bool Adopted);
