namespace DurableObjects.Orchestrations.Monitors;

/// <summary>The audit events monitors write themselves (subject "monitor/{id}").</summary>
public static class MonitorEventTypes
{
    public const string Created = "monitor.created";
    public const string Updated = "monitor.updated";
    public const string Deleted = "monitor.deleted";

    /// <summary>A message went out (or to the outbox). Data: monitor, notification, channel, status, events, pattern.</summary>
    public const string Fired = "monitor.fired";

    public static string Subject(string monitorId) => "monitor/" + monitorId;
}
