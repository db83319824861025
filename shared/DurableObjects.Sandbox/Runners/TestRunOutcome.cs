namespace DurableObjects.Sandbox.Runners;

/// <summary>
/// The result of running an object's shipped tests in its runner. <see cref="Failure"/> is set when the run itself
/// did not complete (timeout, crash); then <see cref="Tests"/> is empty.
/// </summary>
public sealed record TestRunOutcome(IReadOnlyList<ObjectTestResult> Tests, InvocationOutcome? Failure)
{
    /// <summary>True when the run completed and every test passed (an object without tests passes).</summary>
    public bool Passed => Failure is null && Tests.All(t => t.Passed);
}
