namespace DurableObjects.Orchestrations.Runs;

/// <summary>A human's decision on a waiting run (or the system's, when the wait expired).</summary>
public sealed record ApprovalDecision(bool Approved, string By, string? Comment, bool Expired, DateTimeOffset At);
