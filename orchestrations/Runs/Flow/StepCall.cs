namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>An activity call about one iteration of a run (its candidate is read from the run's steps by id).</summary>
public sealed record StepCall(string RunId, int Iteration);
