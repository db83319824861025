namespace DurableObjects.Orchestrations.Runs.Steps;

/// <summary>Journaled when someone cancels, so a restart during the cancel still ends the run as cancelled.</summary>
public sealed record CancelRequest(string By, DateTimeOffset At);
