namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>The decision that ended the wait: a person's (external event) or the system's (the timer fired).</summary>
public sealed record ApprovalRecord(string RunId, ApprovalDecision Decision);
