namespace DurableObjects.Orchestrations.Reporting;

/// <summary>Where a failed run was reported: the issue's number and page, or (GitHub not configured) the outbox message id with number 0.</summary>
public sealed record RunIssue(int Number, string Url, bool Outboxed = false);
