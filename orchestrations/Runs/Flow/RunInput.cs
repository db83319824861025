namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>An orchestration's input: the run id (also its instance id). Everything else is read by the activities.</summary>
public sealed record RunInput(string RunId);
