namespace DurableObjects.Orchestrations.Runs;

/// <summary>Helpers over <see cref="RunStatus"/>.</summary>
public static class RunStatuses
{
    /// <summary>Whether the run has ended (nothing will change it any more).</summary>
    public static bool IsFinal(this RunStatus status) => status is not (RunStatus.Running or RunStatus.AwaitingApproval);

    /// <summary>
    /// The wire name: lower case, e.g. <c>awaiting_approval</c>; <c>budget-exhausted</c> is spelled as the budget
    /// feature names it (<see cref="RunStatusWire.Parse"/> reads both separators).
    /// </summary>
    public static string ToWire(this RunStatus status) => status switch
    {
        RunStatus.AwaitingApproval => "awaiting_approval",
        RunStatus.BudgetExhausted => "budget-exhausted",
        _ => status.ToString().ToLowerInvariant(),
    };
}
