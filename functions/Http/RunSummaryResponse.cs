namespace DurableObjects.Functions.Http;

/// <summary>A run in a listing (and the payload of its <c>status</c> and <c>end</c> events).</summary>
public sealed record RunSummaryResponse(
    string RunId, string Kind, string ObjectName, string Status, string CurrentStep, string? Reason, int? Version, bool Manual,
    string Requester, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string StatusUrl);
