namespace DurableObjects.Orchestrations.Runs;

/// <summary>Where a run is. Running and AwaitingApproval are unfinished; the rest are final.</summary>
public enum RunStatus
{
    /// <summary>Planning, generating, evaluating, committing or deploying.</summary>
    Running,

    /// <summary>An accepted candidate waits for a human decision (a durable wait with an expiry).</summary>
    AwaitingApproval,

    /// <summary>The new version is committed (and deployed when the policy says so).</summary>
    Succeeded,

    /// <summary>No candidate was accepted within the iteration budget, or a human rejected it, or approval expired.</summary>
    Rejected,

    /// <summary>A step failed (model error, commit or deploy refused).</summary>
    Failed,

    /// <summary>Cancelled by a person.</summary>
    Cancelled,

    /// <summary>Stopped before a step because the run's budget (money or tokens) was spent; the spend per item is kept.</summary>
    BudgetExhausted,
}
