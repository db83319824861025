namespace DurableObjects.Orchestrations.Objects;

/// <summary>Deploy <see cref="Version"/> (default: the current version) to <see cref="Environment"/> (default: the configured default).</summary>
[GenerateSerializer, Immutable]
public sealed record DeployRequest([property: Id(0)] int? Version = null, [property: Id(1)] string? Environment = null);
