namespace DurableObjects.Functions.Http;

/// <summary>Outcomes of claiming an Idempotency-Key.</summary>
public enum IdempotencyClaimKind
{
    /// <summary>The key is reserved for this request: run it and record its answer.</summary>
    Acquired,

    /// <summary>The same request already ran: replay its recorded answer.</summary>
    Replay,

    /// <summary>The same request is running (its reservation's lease has not expired): 409.</summary>
    InProgress,

    /// <summary>The key was used for a different request: 422.</summary>
    Mismatch,
}
