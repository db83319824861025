namespace DurableObjects.Orchestrations.Runs.Steps;

/// <summary>The deploy step: whether the version now serves, where, or why not.</summary>
public sealed record DeployResult(bool Deployed, string? Environment, string? Error, IReadOnlyList<string> Details);
