namespace DurableObjects.Cli.Api;

/// <summary>What serves in one environment.</summary>
public sealed record DeploymentView(int Version, string ContentHash, DateTimeOffset DeployedAt, string DeployedBy);
