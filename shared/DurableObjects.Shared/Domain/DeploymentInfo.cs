namespace DurableObjects.Shared.Domain;

/// <summary>Which version serves in one environment, since when and by whose action.</summary>
public sealed record DeploymentInfo(
    int Version,
    string ContentHash,
    DateTimeOffset DeployedAt,
    string DeployedBy);
