namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>Deploy a committed version to an environment (null: the default one).</summary>
public sealed record DeployCall(string RunId, int Version, string? Environment);
