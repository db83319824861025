namespace DurableObjects.Cli.Api;

/// <summary>A run's status line, as listed, streamed in <c>status</c> events and at the top of a full run.</summary>
public sealed record RunSummary(
    string RunId, string Kind, string ObjectName, string Status, string? CurrentStep, string? Reason, int? Version, bool Manual,
    string Requester, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public bool IsFinal => Status is not ("running" or "awaiting_approval");
}
