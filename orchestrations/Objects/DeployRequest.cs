namespace DurableObjects.Orchestrations.Objects;

/// <summary>Deploy <see cref="Version"/> (default: the current version) to <see cref="Environment"/> (default: the configured default).</summary>
public sealed record DeployRequest(int? Version = null, string? Environment = null);
