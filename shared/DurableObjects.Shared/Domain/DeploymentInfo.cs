namespace DurableObjects.Shared.Domain;

/// <summary>Which version serves in one environment, since when and by whose action.</summary>
[GenerateSerializer, Immutable]
public sealed record DeploymentInfo(
    [property: Id(0)] int Version,
    [property: Id(1)] string ContentHash,
    [property: Id(2)] DateTimeOffset DeployedAt,
    [property: Id(3)] string DeployedBy);
