namespace DurableObjects.Orchestrations.Monitors.Storage;

/// <summary>One message of a batch, rendered before anything is sent so a resumed batch sends the same text.</summary>
/// <param name="Subject">First line / email subject / Slack header.</param>
/// <param name="Text">The body.</param>
/// <param name="EventCount">How many events it reports (1, or the digest's count).</param>
/// <param name="FirstEventId">The first (oldest) event reported, for the audit record.</param>
public sealed record PlannedMessage(string Subject, string Text, int EventCount, string? FirstEventId);
