namespace DurableObjects.Runner.Protocol;

/// <summary>The outcome of running an object's shipped tests inside the runner.</summary>
internal sealed record TestReport(IReadOnlyList<TestCaseReport> Tests);
