namespace DurableObjects.Shared.Audit;

/// <summary>
/// Filters for listing audit events, newest first. <see cref="Type"/> matches exactly, or as a prefix when it
/// ends in '.' or '*' ("object." or "object.*").
/// </summary>
public sealed record AuditQuery(
    string? Type = null,
    string? Subject = null,
    string? Actor = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    int PageSize = 50,
    string? ContinuationToken = null);
