namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>
/// The external events a run listens for. Typed payloads: <see cref="ApprovalDecision"/> for <see cref="Approval"/>,
/// <see cref="Steps.CancelRequest"/> for <see cref="Cancel"/>.
/// </summary>
public static class RunEvents
{
    /// <summary>A person approved or rejected the accepted candidate.</summary>
    public const string Approval = "approval";

    /// <summary>A person cancelled the run.</summary>
    public const string Cancel = "cancel";
}
