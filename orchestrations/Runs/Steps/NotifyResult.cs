namespace DurableObjects.Orchestrations.Runs.Steps;

/// <summary>How the requester was told: the channel and what the notification service reported
/// (<see cref="RunNotifier.Skipped"/> when nothing was sent, and then <see cref="Reason"/> says why).</summary>
public sealed record NotifyResult(string Channel, string Outcome)
{
    /// <summary>Why nothing was sent (a disabled requester), or null.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }
}
