namespace DurableObjects.Orchestrations.Runs.Steps;

/// <summary>Journaled when an accepted candidate starts waiting for a human; the wait ends at <see cref="ExpiresAt"/>.</summary>
public sealed record ApprovalRequest(DateTimeOffset ExpiresAt);
