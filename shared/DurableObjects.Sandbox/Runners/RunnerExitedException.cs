namespace DurableObjects.Sandbox.Runners;

/// <summary>Fails requests that were in flight when their runner process ended or was killed.</summary>
internal sealed class RunnerExitedException(string reason) : Exception(reason);
