namespace DurableObjects.Orchestrations.Runs.Steps;

/// <summary>How the requester was told: the channel and what the notification service reported.</summary>
public sealed record NotifyResult(string Channel, string Outcome);
