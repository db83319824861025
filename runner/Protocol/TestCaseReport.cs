namespace DurableObjects.Runner.Protocol;

/// <summary>The outcome of one shipped test method, as reported by the runner.</summary>
internal sealed record TestCaseReport(string Name, bool Passed, string? Message);
