namespace DurableObjects.Orchestrations.Runs;

/// <summary>What the pipeline asks of its run grain: report status, and wait durably for a human decision.</summary>
public interface IRunControl
{
    /// <summary>Waits until someone approves or rejects, or until <paramref name="expiresAt"/> (then: rejected, expired).</summary>
    Task<ApprovalDecision> WaitForDecisionAsync(DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
