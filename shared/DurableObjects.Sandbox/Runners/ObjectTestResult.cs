namespace DurableObjects.Sandbox.Runners;

/// <summary>One shipped test's result, as run inside the runner.</summary>
public sealed record ObjectTestResult(string Name, bool Passed, string? Message);
