namespace DurableObjects.Orchestrations.Monitors;

/// <summary>The audit events monitors write themselves (subject "monitor/{id}").</summary>
public static class MonitorEventTypes
{
    public const string Created = "monitor.created";
    public const string Updated = "monitor.updated";
    public const string Deleted = "monitor.deleted";

    /// <summary>A message went out (or to the outbox), or was skipped because the monitor's owner is disabled (status
    /// skipped). Data: monitor, notification, channel, status, events, pattern.</summary>
    public const string Fired = "monitor.fired";

    /// <summary>A monitor started a modification run (data: monitor, run, name, events).</summary>
    public const string ProposedChange = "monitor.proposed_change";

    /// <summary>A monitor's proposal was held back by the per-object rate limit or refused by the launcher (data: reason).</summary>
    public const string ProposalSkipped = "monitor.proposal_skipped";

    public static string Subject(string monitorId) => "monitor/" + monitorId;
}
