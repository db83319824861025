namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>Commit the accepted candidate of <see cref="Iteration"/>.</summary>
public sealed record CommitCall(string RunId, int Iteration);
