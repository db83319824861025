namespace DurableObjects.Functions.Http;

/// <summary>Idempotency-Key handling (section <c>Idempotency</c>).</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>How long a reservation protects a request that has not finished (the host died, or storage went away
    /// before its answer was recorded). A duplicate within it gets 409; after it, the duplicate runs the request again.
    /// Default 1 min.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a recorded answer is replayed; an older record counts as absent. Default 24 h.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The largest answer body recorded for replay; a larger one is recorded without its body. Default 512 KiB.</summary>
    public int MaxRecordedBodyBytes { get; set; } = 512 << 10;
}
