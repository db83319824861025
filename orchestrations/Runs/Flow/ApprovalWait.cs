namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>The run starts waiting for a human decision until <see cref="ExpiresAt"/> (the durable timer's time).</summary>
public sealed record ApprovalWait(string RunId, DateTime ExpiresAt);
